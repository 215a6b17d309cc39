--liquibase formatted sql

--changeset shop:status-type
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
--rollback DROP TYPE order_status;

--changeset shop:orders-status
ALTER TABLE orders ADD COLUMN status order_status NOT NULL DEFAULT 'new';
