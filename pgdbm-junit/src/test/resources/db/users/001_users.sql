CREATE TABLE {{tables.users}} (id serial PRIMARY KEY, email text UNIQUE NOT NULL);
