CREATE TABLE linked_first (id int);
