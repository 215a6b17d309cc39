-- The search library's only table; every name goes through {{tables.}} so the library can live in any schema.
CREATE TABLE {{tables.documents}} (
    id       BIGSERIAL PRIMARY KEY,
    ref      VARCHAR(200) NOT NULL UNIQUE,
    body     TEXT NOT NULL,
    document TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', body)) STORED
);
CREATE INDEX documents_document_idx ON {{tables.documents}} USING GIN (document);
