-- The newest line (count and SHA-256) of each Nexus audit log, by the log's name. Not part of
-- snapshots: an anchor belongs to a log file on one host, not to the data.
CREATE TABLE audit_anchors (
    name      TEXT    NOT NULL PRIMARY KEY,
    lines     INTEGER NOT NULL CHECK (lines >= 0),
    last_hash TEXT    NOT NULL
) STRICT, WITHOUT ROWID;
