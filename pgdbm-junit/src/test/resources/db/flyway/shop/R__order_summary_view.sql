-- repeatable: re-applied whenever its checksum changes, after the versioned migrations
CREATE OR REPLACE VIEW order_summary AS
SELECT o.id, o.customer_id, o.status, order_total(o.id) AS total_cents
FROM orders o;
