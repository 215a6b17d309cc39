INSERT INTO products (sku, title, price_cents, slug) VALUES
    ('SKU-1', 'Tea pot', 2500, 'tea-pot'),
    ('SKU-2', 'Cup; white', 800, 'cup-white');
