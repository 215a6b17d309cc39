-- The schema of the SQL-scripts preparer's tests, written as psql would run it.
CREATE TYPE status AS ENUM ('new');
ALTER TYPE status ADD VALUE 'shipped';   -- autocommit: usable by the next statement, as under psql

CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    country text NOT NULL REFERENCES countries (code),
    state status NOT NULL DEFAULT 'shipped'
);

CREATE FUNCTION order_count() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
    RETURN (SELECT count(*) FROM orders);   -- a ';' inside the body does not end the statement
END;
$$;

BEGIN;
CREATE INDEX orders_country ON orders (country);
COMMENT ON TABLE orders IS 'grouped in a transaction of the script''s own';
COMMIT;
