-- order_id is validated by the application: billing may move to its own database one day.
CREATE TABLE {{tables.invoices}} (
    id       BIGSERIAL PRIMARY KEY,
    order_id BIGINT NOT NULL UNIQUE,
    amount   NUMERIC(12, 2) NOT NULL,
    status   VARCHAR(20) NOT NULL DEFAULT 'open'
);
CREATE TABLE {{tables.payments}} (
    id         BIGSERIAL PRIMARY KEY,
    invoice_id BIGINT NOT NULL REFERENCES {{tables.invoices}}(id),
    amount     NUMERIC(12, 2) NOT NULL,
    paid_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
