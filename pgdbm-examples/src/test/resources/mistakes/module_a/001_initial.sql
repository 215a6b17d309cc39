CREATE TABLE {{tables.a_things}} (id INT);
