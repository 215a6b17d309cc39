-- Analytics owns its database; {{tables.}} still keeps the module portable to any schema.
CREATE TABLE {{tables.events}} (
    id          BIGSERIAL PRIMARY KEY,
    kind        VARCHAR(50) NOT NULL,
    payload     JSONB NOT NULL DEFAULT '{}',
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX events_kind_idx ON {{tables.events}} (kind);
