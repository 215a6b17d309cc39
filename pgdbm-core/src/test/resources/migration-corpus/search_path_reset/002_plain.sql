CREATE TABLE plain (id int REFERENCES dumped (id));
INSERT INTO dumped VALUES (1);
INSERT INTO plain VALUES (1);
