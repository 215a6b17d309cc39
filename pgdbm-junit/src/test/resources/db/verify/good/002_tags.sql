CREATE TABLE {{tables.tags}} (item_id bigint REFERENCES {{tables.items}} (id), tag text NOT NULL);
