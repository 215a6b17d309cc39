CREATE TABLE fine (id int);

SELECT * FROM no_such_table;
