CREATE TABLE {{tables.items}} (id bigserial PRIMARY KEY, name text NOT NULL, price numeric(10, 2));
CREATE FUNCTION {{schema}}.item_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM {{tables.items}}';
