CREATE TABLE shipments (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    address_id bigint NOT NULL REFERENCES addresses (id),
    carrier text NOT NULL,
    tracking_code text,
    shipped_at timestamptz
);
CREATE INDEX shipments_order ON shipments (order_id);
COMMENT ON TABLE shipments IS 'one row per parcel sent for an order';
