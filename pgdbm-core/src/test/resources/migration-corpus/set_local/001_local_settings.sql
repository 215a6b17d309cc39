SET LOCAL statement_timeout = '200ms';
SET LOCAL search_path = nowhere;
CREATE TABLE public.first (id int);
