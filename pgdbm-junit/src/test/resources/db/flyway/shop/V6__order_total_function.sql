-- a $$-quoted body whose semicolons are not statement ends
CREATE FUNCTION order_total(p_order bigint) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
    total bigint;
BEGIN
    SELECT coalesce(sum(quantity::bigint * price_cents), 0) INTO total
    FROM order_lines WHERE order_id = p_order;
    RETURN total;
END;
$$;
