INSERT INTO products (name, price_cents) VALUES ('tea', 450), ('coffee', 520);
