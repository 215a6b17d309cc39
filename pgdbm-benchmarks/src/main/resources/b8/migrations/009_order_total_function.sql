CREATE FUNCTION order_total(p_order bigint) RETURNS numeric
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT coalesce(sum(quantity * unit_price), 0) FROM order_items WHERE order_id = p_order;
END;
