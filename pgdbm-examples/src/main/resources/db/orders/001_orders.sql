CREATE TABLE {{tables.orders}} (
    id          BIGSERIAL PRIMARY KEY,
    customer_id BIGINT,
    total       NUMERIC(12, 2) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
