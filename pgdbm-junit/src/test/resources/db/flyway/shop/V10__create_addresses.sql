CREATE TABLE addresses (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    line1       text NOT NULL,
    city        text NOT NULL,
    country     char(2) NOT NULL
);
