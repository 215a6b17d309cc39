CREATE TABLE {{tables.users}} (
    id         BIGSERIAL PRIMARY KEY,
    email      VARCHAR(320) NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE {{tables.profiles}} (
    user_id      BIGINT PRIMARY KEY REFERENCES {{tables.users}}(id) ON DELETE CASCADE,
    display_name VARCHAR(200) NOT NULL
);
