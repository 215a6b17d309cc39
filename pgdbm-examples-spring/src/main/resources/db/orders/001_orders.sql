-- user_id is not a foreign key: the orders module may run beside any users module, in any schema.
CREATE TABLE {{tables.orders}} (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT NOT NULL,
    total      NUMERIC(12, 2) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ON {{tables.orders}} (user_id);
