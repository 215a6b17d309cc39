INSERT INTO products (sku, name, description, price)
SELECT 'SKU-' || lpad(i::text, 4, '0'), 'Product ' || i, 'A product of category ' || (i % 10 + 1), (i % 50) + 0.99
  FROM generate_series(1, 200) i;
INSERT INTO product_categories (product_id, category_id) SELECT p.id, (p.id % 10) + 1 FROM products p;
INSERT INTO inventory (product_id, on_hand) SELECT id, 100 FROM products;
