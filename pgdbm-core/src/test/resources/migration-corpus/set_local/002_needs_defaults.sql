-- fails if 001's settings leaked: the sleep outlasts its timeout, and no schema would be selected to create in
SELECT pg_sleep(0.4);
CREATE TABLE second (id int);
INSERT INTO second VALUES (2);
