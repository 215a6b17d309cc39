CREATE TABLE people (name text PRIMARY KEY, m mood NOT NULL DEFAULT 'happy');
INSERT INTO people (name) VALUES ('ada');
UPDATE feelings SET m = 'happy' WHERE id = 1;
