CREATE TABLE a (id int);
\i other.sql
