-- The booking core (SPEC §2, §4). Timestamps are Unix milliseconds (UTC) and dates/times
-- office-local 'YYYY-MM-DD' / 'HH:MM' text, identical in both backends, so the two
-- implementations read the same rows the same way.

-- The 41 counties and Bucharest (reference data, seeded).
CREATE TABLE counties (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE offices (
    id INTEGER PRIMARY KEY,
    county_code TEXT NOT NULL REFERENCES counties (code),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    timezone TEXT NOT NULL,
    max_persons INTEGER NOT NULL DEFAULT 5 CHECK (max_persons BETWEEN 1 AND 10),
    horizon_days INTEGER NOT NULL DEFAULT 90 CHECK (horizon_days BETWEEN 1 AND 366),
    -- Seeding is idempotent by name within a county.
    UNIQUE (county_code, name)
);

CREATE TABLE office_services (
    office_id INTEGER NOT NULL REFERENCES offices (id),
    service TEXT NOT NULL,
    PRIMARY KEY (office_id, service)
);

-- Weekly opening intervals; weekday is ISO (1 = Monday … 7 = Sunday).
CREATE TABLE office_hours (
    office_id INTEGER NOT NULL REFERENCES offices (id),
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    slot_minutes INTEGER NOT NULL CHECK (slot_minutes > 0),
    counters INTEGER NOT NULL CHECK (counters > 0),
    PRIMARY KEY (office_id, weekday, start_time)
);

-- A date exception replaces the weekly hours of that date: closed, or the special
-- intervals in office_exception_hours.
CREATE TABLE office_exceptions (
    office_id INTEGER NOT NULL REFERENCES offices (id),
    date TEXT NOT NULL,
    closed INTEGER NOT NULL CHECK (closed IN (0, 1)),
    PRIMARY KEY (office_id, date)
);

CREATE TABLE office_exception_hours (
    office_id INTEGER NOT NULL,
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    slot_minutes INTEGER NOT NULL CHECK (slot_minutes > 0),
    counters INTEGER NOT NULL CHECK (counters > 0),
    PRIMARY KEY (office_id, date, start_time),
    FOREIGN KEY (office_id, date) REFERENCES office_exceptions (office_id, date) ON DELETE CASCADE
);

-- One row per bookable slot over the horizon. `taken` can never pass `capacity`: the
-- CHECK is the last line of defence behind the conditional UPDATE that takes seats.
CREATE TABLE slots (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices (id),
    date TEXT NOT NULL,
    time TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity >= 0),
    taken INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT slots_taken_within_capacity CHECK (taken >= 0 AND taken <= capacity),
    UNIQUE (office_id, date, time)
);
CREATE INDEX slots_by_office_and_start ON slots (office_id, starts_at);

CREATE TABLE bookings (
    id TEXT PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices (id),
    slot_id INTEGER NOT NULL REFERENCES slots (id),
    service TEXT NOT NULL,
    persons INTEGER NOT NULL CHECK (persons BETWEEN 1 AND 10),
    status TEXT NOT NULL CHECK (status IN
        ('pending', 'confirmed', 'checked_in', 'completed', 'no_show', 'expired', 'cancelled')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    confirmed_at INTEGER,
    closed_at INTEGER,
    cancel_reason TEXT,
    -- Personal data: sealed with the service key; looked up by keyed hash only.
    email_hash BLOB NOT NULL,
    email_enc BLOB NOT NULL,
    phone_enc BLOB,
    -- Consent (SPEC §7): when, and to which version of the policy.
    consent_at INTEGER NOT NULL,
    consent_policy TEXT NOT NULL,
    lang TEXT NOT NULL
);
CREATE INDEX bookings_pending_by_expiry ON bookings (expires_at) WHERE status = 'pending';
CREATE INDEX bookings_by_email ON bookings (email_hash);
CREATE INDEX bookings_by_slot ON bookings (slot_id);

CREATE TABLE booking_persons (
    booking_id TEXT NOT NULL REFERENCES bookings (id),
    position INTEGER NOT NULL CHECK (position >= 1),
    last_name_enc BLOB NOT NULL,
    first_name_enc BLOB NOT NULL,
    cnp_enc BLOB NOT NULL,
    cnp_hash BLOB NOT NULL,
    -- 1 while the booking holds seats (pending or confirmed).
    holds INTEGER NOT NULL CHECK (holds IN (0, 1)),
    PRIMARY KEY (booking_id, position)
);
-- One active booking per CNP, nationwide (SPEC §2 J2), kept by the database itself.
CREATE UNIQUE INDEX booking_persons_one_active_per_cnp ON booking_persons (cnp_hash) WHERE holds = 1;

-- Link tokens, stored as SHA-256 of the random token; each serves one purpose.
CREATE TABLE booking_tokens (
    hash BLOB PRIMARY KEY,
    booking_id TEXT NOT NULL REFERENCES bookings (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'cancel')),
    created_at INTEGER NOT NULL
);
CREATE INDEX booking_tokens_by_booking ON booking_tokens (booking_id);

-- Transactional outbox: written in the same transaction as the change that causes the
-- message. The payload is sealed (it holds the address and the links).
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    payload BLOB NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until INTEGER,
    sent_at INTEGER,
    last_error TEXT
);
CREATE INDEX outbox_unsent ON outbox (next_attempt_at) WHERE sent_at IS NULL;
