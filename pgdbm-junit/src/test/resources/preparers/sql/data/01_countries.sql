INSERT INTO countries VALUES ('de', 'Germany');
INSERT INTO countries VALUES ('fr', 'France');
