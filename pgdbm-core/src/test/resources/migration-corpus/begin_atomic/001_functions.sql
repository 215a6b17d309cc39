CREATE TABLE items (id int PRIMARY KEY, price int NOT NULL);

CREATE FUNCTION total_price() RETURNS bigint
LANGUAGE sql
BEGIN ATOMIC
  SELECT sum(price) FROM items;
END;

CREATE OR REPLACE PROCEDURE add_item(p_id int, p_price int)
LANGUAGE sql
BEGIN ATOMIC
  INSERT INTO items VALUES (p_id, CASE WHEN p_price < 0 THEN 0 ELSE p_price END);
  UPDATE items SET price = price WHERE id = p_id;
END;

CALL add_item(1, 10);
CALL add_item(2, -5);
CREATE TABLE after_functions (total bigint);
INSERT INTO after_functions SELECT total_price();
