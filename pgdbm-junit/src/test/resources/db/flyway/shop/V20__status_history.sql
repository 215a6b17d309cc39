CREATE TABLE order_status_history (
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    status   order_status NOT NULL,
    at       timestamptz NOT NULL DEFAULT now()
);
