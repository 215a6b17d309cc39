CREATE TABLE shipments (
    order_id   bigint PRIMARY KEY REFERENCES orders (id),
    carrier    text NOT NULL,
    shipped_at timestamptz
);
