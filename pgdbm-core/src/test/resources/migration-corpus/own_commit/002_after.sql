CREATE TABLE after_wrapped (id int REFERENCES wrapped (id));
INSERT INTO after_wrapped VALUES (1);
