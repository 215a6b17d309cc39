CREATE TYPE payment_method AS ENUM ('card', 'invoice', 'paypal');
CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    method payment_method NOT NULL,
    amount numeric(12, 2) NOT NULL CHECK (amount > 0),
    paid_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_order ON payments (order_id);
