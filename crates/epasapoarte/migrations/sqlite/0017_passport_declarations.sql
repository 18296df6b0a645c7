-- Lost, stolen or destroyed passports (SPEC J8, issue 12 item 8). A clerk records the
-- declaration at any office; the office prints a numbered adeverință (certificate of the
-- declaration): `CJ-D-2026-000017`, one serial per county and year (same upsert as the
-- application numbers, so no two declarations share a number). Personal data sealed as
-- in `applications`; the CNP found by its keyed hash (the status lookup shows a declared
-- holder's passport as invalid).
CREATE TABLE declaration_counters (
    county_code TEXT NOT NULL REFERENCES counties (code),
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
    last_serial INTEGER NOT NULL CHECK (last_serial >= 1),
    PRIMARY KEY (county_code, year)
);

CREATE TABLE passport_declarations (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL,
    office_id INTEGER NOT NULL REFERENCES offices (id),
    kind TEXT NOT NULL CHECK (kind IN ('lost', 'stolen', 'destroyed')),
    cnp_enc BLOB NOT NULL,
    cnp_hash BLOB NOT NULL,
    last_name_enc BLOB NOT NULL,
    first_name_enc BLOB NOT NULL,
    -- The lost passport's number, when the holder knows it.
    passport_number_enc BLOB,
    occurred_on TEXT NOT NULL,
    -- Where it happened, in the holder's words.
    place_enc BLOB NOT NULL,
    -- The police certificate's number (required for a theft).
    police_certificate TEXT CHECK (police_certificate IS NULL OR length(police_certificate) <= 60),
    declared_at INTEGER NOT NULL,
    declared_by TEXT NOT NULL,
    CONSTRAINT passport_declarations_number_unique UNIQUE (number),
    CONSTRAINT passport_declarations_theft_has_certificate
        CHECK (kind <> 'stolen' OR police_certificate IS NOT NULL)
);
CREATE INDEX passport_declarations_by_cnp ON passport_declarations (cnp_hash, declared_at);
CREATE INDEX passport_declarations_by_office ON passport_declarations (office_id, declared_at);
