CREATE TABLE {{tables.products}} (
    id    BIGSERIAL PRIMARY KEY,
    sku   VARCHAR(50) NOT NULL UNIQUE,
    name  VARCHAR(200) NOT NULL,
    price NUMERIC(12, 2) NOT NULL CHECK (price >= 0)
);
