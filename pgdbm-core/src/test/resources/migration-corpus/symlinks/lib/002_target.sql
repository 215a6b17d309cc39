CREATE TABLE linked_target (id int);
