CREATE TABLE broken (id int);
INSERT INTO missing_table VALUES (1);
