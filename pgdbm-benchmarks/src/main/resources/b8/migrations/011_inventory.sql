CREATE TABLE inventory (
    product_id bigint PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    on_hand int NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved int NOT NULL DEFAULT 0 CHECK (reserved >= 0)
);
