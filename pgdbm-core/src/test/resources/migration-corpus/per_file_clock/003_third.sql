SELECT pg_sleep(0.01);
INSERT INTO stamps (file) VALUES (3);
