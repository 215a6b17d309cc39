CREATE TABLE {{tables.items}} (
    id   BIGSERIAL PRIMARY KEY,
    name VARCHAR(200) NOT NULL
);
CREATE TABLE {{tables.users}} (
    id    BIGSERIAL PRIMARY KEY,
    email VARCHAR(320) NOT NULL UNIQUE
);
