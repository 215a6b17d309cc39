CREATE FUNCTION refresh_order_total() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orders SET total = order_total(o.id)
      FROM (SELECT CASE WHEN TG_OP = 'DELETE' THEN OLD.order_id ELSE NEW.order_id END AS id) o
     WHERE orders.id = o.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER order_items_total AFTER INSERT OR UPDATE OR DELETE ON order_items
    FOR EACH ROW EXECUTE FUNCTION refresh_order_total();
