CREATE SCHEMA audit;
CREATE TABLE audit.events (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT now(),
    actor    text NOT NULL DEFAULT '${app_user}',
    what     text NOT NULL
);
