CREATE TABLE {{tables.b_things}} (id INT);
