CREATE TABLE {{tables.orders}} (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users.users (id), total numeric NOT NULL);
