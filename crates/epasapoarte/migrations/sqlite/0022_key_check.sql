-- One key per database (issue 13 item 2): the first instance to open the database records
-- a keyed hash of a fixed text under its EPAS_SECRET_KEY (never the key itself). An
-- instance whose key gives another value refuses to start, so two keys can never write
-- into one database (one CNP hashed two ways would slip past one-booking-per-CNP).
CREATE TABLE key_check (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
