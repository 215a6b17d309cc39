CREATE TABLE refunds (
    id bigserial PRIMARY KEY,
    payment_id bigint NOT NULL REFERENCES payments (id),
    amount numeric(12, 2) NOT NULL CHECK (amount > 0),
    reason text
);
CREATE INDEX orders_refunded ON orders (updated_at) WHERE status = 'refunded';
