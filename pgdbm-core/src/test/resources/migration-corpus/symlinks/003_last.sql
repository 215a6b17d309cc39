CREATE TABLE linked_last (id int);
