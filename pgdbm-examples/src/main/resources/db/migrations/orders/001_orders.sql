-- user_id references the users module's table in schema "users": a real foreign key across schemas, which
-- PostgreSQL enforces like any other. It ties this module to the users module (migrated first) and to that
-- schema name, which the application fixes; a reusable library should not reach into another module this way.
CREATE TABLE {{tables.orders}} (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES {{tables.users.users}}(id),
    total      NUMERIC(12, 2) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE {{tables.order_items}} (
    order_id   BIGINT NOT NULL REFERENCES {{tables.orders}}(id) ON DELETE CASCADE,
    sku        VARCHAR(50) NOT NULL,
    quantity   INT NOT NULL CHECK (quantity > 0),
    unit_price NUMERIC(12, 2) NOT NULL,
    PRIMARY KEY (order_id, sku)
);
