CREATE VIEW customer_order_stats AS
SELECT c.id AS customer_id, c.email, count(o.id) AS orders, coalesce(sum(o.total), 0) AS revenue,
       max(o.created_at) AS last_order_at
  FROM customers c
  LEFT JOIN orders o ON o.customer_id = c.id AND o.status <> 'cancelled'
 GROUP BY c.id, c.email;
