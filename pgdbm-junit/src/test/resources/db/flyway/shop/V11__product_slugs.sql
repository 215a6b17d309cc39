ALTER TABLE products ADD COLUMN slug text;
