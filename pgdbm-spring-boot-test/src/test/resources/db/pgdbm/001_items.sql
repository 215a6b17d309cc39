CREATE TABLE {{tables.items}} (name TEXT PRIMARY KEY);
