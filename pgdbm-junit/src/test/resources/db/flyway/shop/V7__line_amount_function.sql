-- a SQL-standard body (PostgreSQL 14+): BEGIN ATOMIC ... END with statements inside
CREATE FUNCTION line_amount(quantity integer, price_cents integer) RETURNS bigint
LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
    SELECT quantity::bigint * price_cents;
END;
