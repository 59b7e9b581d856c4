-- spike-store schema, SQLite. Paths, version numbers and names are plaintext keys;
-- every BLOB is ciphertext made by Nexus. STRICT tables reject values of the wrong type.

CREATE TABLE secrets (
    path     TEXT    NOT NULL PRIMARY KEY,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    metadata BLOB    NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE secret_versions (
    path       TEXT    NOT NULL REFERENCES secrets (path) ON DELETE CASCADE,
    version    INTEGER NOT NULL CHECK (version >= 1),
    ciphertext BLOB    NOT NULL,
    PRIMARY KEY (path, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE policies (
    name       TEXT NOT NULL PRIMARY KEY,
    ciphertext BLOB NOT NULL
) STRICT, WITHOUT ROWID;

-- One row; grows in the same transaction as every policy change.
CREATE TABLE policy_generation (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL
) STRICT;

INSERT INTO policy_generation (id, generation) VALUES (1, 0);

-- Keyring, key check, escrow, audit anchor (SystemKey ids).
CREATE TABLE system (
    name  TEXT NOT NULL PRIMARY KEY,
    value BLOB NOT NULL
) STRICT, WITHOUT ROWID;
