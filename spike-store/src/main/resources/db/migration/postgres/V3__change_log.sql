-- The change log (outbox): every change is recorded here in the same transaction as the change.
-- One state row: the log's id (random, set by the store when it first opens the database), the
-- last sequence number given out and the last change's time (times never go backwards). Writers
-- update the row as the last step of their transaction, so its lock orders commits by sequence.
CREATE TABLE change_log_state (
    id       INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    log_id   TEXT    NOT NULL,
    last_seq BIGINT  NOT NULL CHECK (last_seq >= 0),
    last_at  BIGINT  NOT NULL
);

-- Recorded changes not yet shipped: body is the change as stored (ciphertext, plaintext keys).
CREATE TABLE changes (
    seq  BIGINT  NOT NULL PRIMARY KEY CHECK (seq >= 1),
    at   BIGINT  NOT NULL,
    kind INTEGER NOT NULL,
    body BYTEA   NOT NULL
);
