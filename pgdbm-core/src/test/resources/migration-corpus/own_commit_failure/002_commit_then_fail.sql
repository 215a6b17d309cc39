BEGIN;
CREATE TABLE kept (id int);
COMMIT;
CREATE TABLE lost (id int);
SELECT 1 / 0;
