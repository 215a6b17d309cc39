CREATE TABLE coupons (
    code      text PRIMARY KEY,
    percent   integer NOT NULL CHECK (percent BETWEEN 1 AND 100),
    valid_to  date
);
