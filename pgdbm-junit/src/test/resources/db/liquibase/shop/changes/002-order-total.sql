--liquibase formatted sql

--changeset shop:order-total-function splitStatements:false
CREATE FUNCTION order_count(p_customer bigint) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT count(*) FROM orders WHERE customer_id = p_customer);
END;
$$;

--changeset shop:dev-only-table context:dev
CREATE TABLE dev_scratch (id int);

--changeset shop:owner-comment
COMMENT ON TABLE orders IS 'orders of ${owner}';
