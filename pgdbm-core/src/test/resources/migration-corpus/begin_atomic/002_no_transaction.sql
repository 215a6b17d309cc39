-- pgdbm:no-transaction
CREATE FUNCTION double_price(p int) RETURNS int
LANGUAGE sql
BEGIN ATOMIC
  SELECT p * 2;
END;

CREATE INDEX CONCURRENTLY items_doubled ON items (double_price(price));
INSERT INTO after_functions VALUES (double_price(21));
