-- spike-store schema, PostgreSQL. Paths, version numbers and names are plaintext keys
-- (collation "C": byte order, independent of the server's locale); every BYTEA is
-- ciphertext made by Nexus.

CREATE TABLE secrets (
    path     TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    revision BIGINT           NOT NULL CHECK (revision >= 1),
    metadata BYTEA            NOT NULL
);

CREATE TABLE secret_versions (
    path       TEXT COLLATE "C" NOT NULL REFERENCES secrets (path) ON DELETE CASCADE,
    version    INTEGER          NOT NULL CHECK (version >= 1),
    ciphertext BYTEA            NOT NULL,
    PRIMARY KEY (path, version)
);

CREATE TABLE policies (
    name       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    ciphertext BYTEA            NOT NULL
);

-- One row; grows in the same transaction as every policy change.
CREATE TABLE policy_generation (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    generation BIGINT  NOT NULL
);

INSERT INTO policy_generation (id, generation) VALUES (1, 0);

-- Keyring, key check, escrow, audit anchor (SystemKey ids).
CREATE TABLE system (
    name  TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    value BYTEA            NOT NULL
);
