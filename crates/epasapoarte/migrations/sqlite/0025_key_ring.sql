-- The database's hash key (issue 13 item 2), sealed under the master key EPAS_SECRET_KEY.
-- Keyed hashes (CNP, e-mail) cannot be computed again for rows that keep only the hash
-- (no_shows), so the hash key stays the same when the master key is rotated; only its
-- sealing changes. Written by the first instance to start: for a database from before
-- this table, the hash key derived from its master key, as it always was.
CREATE TABLE key_ring (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    hash_key_sealed BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
