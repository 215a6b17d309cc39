-- A truly shared table: one registry for every service of the database, so it is deliberately written as
-- public.service_registry instead of {{tables.service_registry}}. Qualify it explicitly: an owning manager with a
-- schema puts that schema first on the search_path, so an unqualified name would land in the module's schema.
CREATE TABLE IF NOT EXISTS public.service_registry (
    service_name VARCHAR(100) PRIMARY KEY,
    service_url  VARCHAR(255) NOT NULL,
    healthy      BOOLEAN NOT NULL DEFAULT true
);
