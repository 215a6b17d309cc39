-- V12 (a Java migration) filled every slug
ALTER TABLE products ALTER COLUMN slug SET NOT NULL;
CREATE UNIQUE INDEX products_slug ON products (slug);
