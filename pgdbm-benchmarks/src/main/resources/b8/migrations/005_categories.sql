CREATE TABLE categories (
    id serial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    parent_id int REFERENCES categories (id)
);
CREATE TABLE product_categories (
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    category_id int NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, category_id)
);
CREATE INDEX product_categories_category ON product_categories (category_id);
