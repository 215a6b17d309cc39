CREATE TABLE products (
    id bigserial PRIMARY KEY,
    sku text NOT NULL UNIQUE,
    name text NOT NULL,
    description text,
    price numeric(12, 2) NOT NULL CHECK (price >= 0)
);
