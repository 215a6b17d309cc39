CREATE TABLE transfers (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source bigint NOT NULL REFERENCES accounts (id),
    target bigint NOT NULL REFERENCES accounts (id),
    amount numeric(12, 2) NOT NULL CHECK (amount > 0)
);
