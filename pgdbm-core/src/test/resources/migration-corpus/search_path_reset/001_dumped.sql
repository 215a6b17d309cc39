-- as pg_dump writes its header: the search path is emptied for the rest of the session
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
CREATE TABLE public.dumped (id integer NOT NULL);
ALTER TABLE ONLY public.dumped ADD CONSTRAINT dumped_pkey PRIMARY KEY (id);
