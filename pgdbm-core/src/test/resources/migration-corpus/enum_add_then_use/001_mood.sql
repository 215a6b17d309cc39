CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE feelings (id int PRIMARY KEY, m mood NOT NULL);
INSERT INTO feelings VALUES (1, 'sad');
