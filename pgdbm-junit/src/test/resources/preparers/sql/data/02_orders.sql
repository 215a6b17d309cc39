INSERT INTO orders (country) VALUES ('de');
