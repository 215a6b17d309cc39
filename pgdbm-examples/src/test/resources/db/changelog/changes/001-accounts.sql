--liquibase formatted sql

--changeset bank:accounts
CREATE TABLE accounts (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email   text NOT NULL UNIQUE,
    balance numeric(12, 2) NOT NULL DEFAULT 0
);

--changeset bank:demo-accounts context:test
INSERT INTO accounts (email, balance) VALUES ('demo@example.com', 100);
