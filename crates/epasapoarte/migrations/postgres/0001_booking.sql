-- The booking core (SPEC §2, §4). Timestamps are Unix milliseconds (UTC) and dates/times
-- office-local 'YYYY-MM-DD' / 'HH:MM' text, identical in both backends, so the two
-- implementations read the same rows the same way.

-- The 41 counties and Bucharest (reference data, seeded).
CREATE TABLE counties (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE offices (
    id BIGSERIAL PRIMARY KEY,
    county_code TEXT NOT NULL REFERENCES counties (code),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    timezone TEXT NOT NULL,
    max_persons BIGINT NOT NULL DEFAULT 5 CHECK (max_persons BETWEEN 1 AND 10),
    horizon_days BIGINT NOT NULL DEFAULT 90 CHECK (horizon_days BETWEEN 1 AND 366),
    -- Seeding is idempotent by name within a county.
    UNIQUE (county_code, name)
);

CREATE TABLE office_services (
    office_id BIGINT NOT NULL REFERENCES offices (id),
    service TEXT NOT NULL,
    PRIMARY KEY (office_id, service)
);

-- Weekly opening intervals; weekday is ISO (1 = Monday … 7 = Sunday).
CREATE TABLE office_hours (
    office_id BIGINT NOT NULL REFERENCES offices (id),
    weekday BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    slot_minutes BIGINT NOT NULL CHECK (slot_minutes > 0),
    counters BIGINT NOT NULL CHECK (counters > 0),
    PRIMARY KEY (office_id, weekday, start_time)
);

-- A date exception replaces the weekly hours of that date: closed, or the special
-- intervals in office_exception_hours.
CREATE TABLE office_exceptions (
    office_id BIGINT NOT NULL REFERENCES offices (id),
    date TEXT NOT NULL,
    closed BOOLEAN NOT NULL,
    PRIMARY KEY (office_id, date)
);

CREATE TABLE office_exception_hours (
    office_id BIGINT NOT NULL,
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    slot_minutes BIGINT NOT NULL CHECK (slot_minutes > 0),
    counters BIGINT NOT NULL CHECK (counters > 0),
    PRIMARY KEY (office_id, date, start_time),
    FOREIGN KEY (office_id, date) REFERENCES office_exceptions (office_id, date) ON DELETE CASCADE
);

-- One row per bookable slot over the horizon. `taken` can never pass `capacity`: the
-- CHECK is the last line of defence behind the conditional UPDATE that takes seats.
CREATE TABLE slots (
    id BIGSERIAL PRIMARY KEY,
    office_id BIGINT NOT NULL REFERENCES offices (id),
    date TEXT NOT NULL,
    time TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    capacity BIGINT NOT NULL CHECK (capacity >= 0),
    taken BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT slots_taken_within_capacity CHECK (taken >= 0 AND taken <= capacity),
    UNIQUE (office_id, date, time)
) WITH (fillfactor = 70); -- room for HOT updates: `taken` changes on every booking
CREATE INDEX slots_by_office_and_start ON slots (office_id, starts_at);

CREATE TABLE bookings (
    id TEXT PRIMARY KEY,
    office_id BIGINT NOT NULL REFERENCES offices (id),
    slot_id BIGINT NOT NULL REFERENCES slots (id),
    service TEXT NOT NULL,
    persons BIGINT NOT NULL CHECK (persons BETWEEN 1 AND 10),
    status TEXT NOT NULL CHECK (status IN
        ('pending', 'confirmed', 'checked_in', 'completed', 'no_show', 'expired', 'cancelled')),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    closed_at BIGINT,
    cancel_reason TEXT,
    -- Personal data: sealed with the service key; looked up by keyed hash only.
    email_hash BYTEA NOT NULL,
    email_enc BYTEA NOT NULL,
    phone_enc BYTEA,
    -- Consent (SPEC §7): when, and to which version of the policy.
    consent_at BIGINT NOT NULL,
    consent_policy TEXT NOT NULL,
    lang TEXT NOT NULL
) WITH (fillfactor = 80); -- status changes in place (pending → confirmed → …)
CREATE INDEX bookings_pending_by_expiry ON bookings (expires_at) WHERE status = 'pending';
CREATE INDEX bookings_by_email ON bookings (email_hash);
CREATE INDEX bookings_by_slot ON bookings (slot_id);

CREATE TABLE booking_persons (
    booking_id TEXT NOT NULL REFERENCES bookings (id),
    position BIGINT NOT NULL CHECK (position >= 1),
    last_name_enc BYTEA NOT NULL,
    first_name_enc BYTEA NOT NULL,
    cnp_enc BYTEA NOT NULL,
    cnp_hash BYTEA NOT NULL,
    -- 1 while the booking holds seats (pending or confirmed).
    holds BOOLEAN NOT NULL,
    PRIMARY KEY (booking_id, position)
);
-- One active booking per CNP, nationwide (SPEC §2 J2), kept by the database itself.
CREATE UNIQUE INDEX booking_persons_one_active_per_cnp ON booking_persons (cnp_hash) WHERE holds;

-- Link tokens, stored as SHA-256 of the random token; each serves one purpose.
CREATE TABLE booking_tokens (
    hash BYTEA PRIMARY KEY,
    booking_id TEXT NOT NULL REFERENCES bookings (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'cancel')),
    created_at BIGINT NOT NULL
);
CREATE INDEX booking_tokens_by_booking ON booking_tokens (booking_id);

-- Transactional outbox: written in the same transaction as the change that causes the
-- message. The payload is sealed (it holds the address and the links).
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    created_at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    payload BYTEA NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_until BIGINT,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX outbox_unsent ON outbox (next_attempt_at) WHERE sent_at IS NULL;
