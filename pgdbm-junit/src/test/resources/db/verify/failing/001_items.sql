CREATE TABLE {{tables.items}} (id bigserial PRIMARY KEY, owner bigint REFERENCES users (id));
