-- Passport applications, the API tokens other systems use to move them, and the
-- restrictions registry (issue 5; SPEC §3, §6.2 J6). Same shape as the PostgreSQL file;
-- instants are Unix milliseconds (UTC), dates office-local 'YYYY-MM-DD' text (which
-- sorts like the dates it holds, so ranges compare as text).

-- One serial per county and year for the application numbers (`CJ-2026-000123-K`). The
-- registration bumps its row with an upsert inside its own transaction, so no two
-- registrations ever draw the same serial, on either backend (SQLite: one writer;
-- PostgreSQL: the row lock on the counter, held to commit). A registration that rolls
-- back gives its serial back: numbers have no gaps.
CREATE TABLE application_counters (
    county_code TEXT NOT NULL REFERENCES counties (code),
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
    last_serial INTEGER NOT NULL CHECK (last_serial >= 1),
    PRIMARY KEY (county_code, year)
);

CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    -- The printed number, canonical form; unique as the last line behind the counter.
    number TEXT NOT NULL,
    -- The submitting office (its county starts the number).
    office_id INTEGER NOT NULL REFERENCES offices (id),
    -- The booking and the person in it (1-based) it came from; both NULL for a walk-in.
    booking_id TEXT REFERENCES bookings (id),
    person_position INTEGER CHECK (person_position >= 1),
    passport_type TEXT NOT NULL CHECK (passport_type IN ('passport_electronic', 'passport_temporary')),
    holder_category TEXT NOT NULL CHECK (holder_category IN
        ('adult', 'minor_under_14', 'minor_14_17', 'domicile_abroad')),
    -- Personal data, sealed with the service key. The CNP is found by its keyed hash
    -- (the clerk's search); the public lookup (J6) by a keyed hash of
    -- 'last 9 digits|submission date', so neither the CNP nor those digits are stored
    -- in a form a database dump could reverse.
    cnp_enc BLOB NOT NULL,
    cnp_hash BLOB NOT NULL,
    cnp_last9_hash BLOB NOT NULL,
    last_name_enc BLOB NOT NULL,
    first_name_enc BLOB NOT NULL,
    -- Where the "ready"/"shipped" e-mails go (from the booking, or given at the counter).
    email_enc BLOB,
    lang TEXT NOT NULL CHECK (lang IN ('ro', 'en')),
    -- Money in bani (SPEC §5.3): the passport fee due on the submission day, and the
    -- receipt the clerk checked against it.
    fee_bani_due INTEGER NOT NULL CHECK (fee_bani_due >= 0),
    receipt_number TEXT NOT NULL CHECK (length(receipt_number) BETWEEN 1 AND 40),
    receipt_amount_bani INTEGER NOT NULL CHECK (receipt_amount_bani >= 0),
    -- Where it is collected: a passport office, or (electronic passports only) a
    -- consular mission named in text. Exactly one of the two.
    pickup_office_id INTEGER REFERENCES offices (id),
    pickup_place TEXT,
    -- Courier delivery to an address in Romania (sealed), with its charge.
    courier INTEGER NOT NULL CHECK (courier IN (0, 1)),
    courier_address_enc BLOB,
    courier_fee_bani INTEGER NOT NULL DEFAULT 0 CHECK (courier_fee_bani >= 0),
    status TEXT NOT NULL CHECK (status IN
        ('submitted', 'in_production', 'ready', 'handed_over', 'shipped', 'rejected')),
    rejection_reason TEXT,
    submitted_on TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT applications_number_unique UNIQUE (number),
    CONSTRAINT applications_booking_person_together
        CHECK ((booking_id IS NULL) = (person_position IS NULL)),
    CONSTRAINT applications_one_pickup_place
        CHECK ((pickup_office_id IS NULL) <> (pickup_place IS NULL)),
    CONSTRAINT applications_courier_has_address
        CHECK ((courier = 1) = (courier_address_enc IS NOT NULL)),
    CONSTRAINT applications_rejected_has_reason
        CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
);
CREATE INDEX applications_by_cnp ON applications (cnp_hash);
CREATE INDEX applications_by_cnp_last9 ON applications (cnp_last9_hash);
CREATE INDEX applications_by_office ON applications (office_id, submitted_on);
-- A booked person gets one application: a double-submitted form cannot make two. A
-- rejected one (a mistake at the counter) leaves room for its replacement.
CREATE UNIQUE INDEX applications_one_per_booked_person
    ON applications (booking_id, person_position)
    WHERE booking_id IS NOT NULL AND status <> 'rejected';

-- Every status an application went through, who moved it and why. Registration is the
-- first row (no `from_status`). Written in the same transaction as the change.
CREATE TABLE application_events (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    at INTEGER NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    -- A staff username, or 'token:NAME' for another system.
    actor TEXT NOT NULL,
    reason TEXT
);
CREATE INDEX application_events_by_application ON application_events (application_id, id);

-- Bearer tokens for other systems (the passport production centre), issued with
-- `epasapoarte token add`. Only the SHA-256 of the token is kept: it carries 192 random
-- bits, so there is nothing to brute-force, and a dump holds no usable token. Revoked
-- tokens stay (revoked_at) so that the name keeps pointing at its history.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    CONSTRAINT api_tokens_name_unique UNIQUE (name),
    CONSTRAINT api_tokens_hash_unique UNIQUE (token_hash)
);

-- CNPs whose right to travel abroad is suspended (SPEC §3), with the legal basis. A
-- restriction is in force while starts_on <= today <= ends_on and it has not been
-- lifted: it ends by itself at its end date because that is a query condition, not a
-- job that could fail to run.
CREATE TABLE restrictions (
    id INTEGER PRIMARY KEY,
    cnp_hash BLOB NOT NULL,
    cnp_enc BLOB NOT NULL,
    legal_basis TEXT NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 500),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    lifted_at INTEGER,
    lifted_by TEXT,
    CONSTRAINT restrictions_ends_after_start CHECK (ends_on >= starts_on)
);
CREATE INDEX restrictions_by_cnp ON restrictions (cnp_hash);
