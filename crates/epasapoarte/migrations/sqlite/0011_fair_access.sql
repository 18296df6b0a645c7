-- Fair access (SPEC §8, issue 11): the opening day by draw, the waitlist with personal
-- holds, the random delayed release of freed seats, reconfirmation and the no-show
-- cool-off. Same shape as the PostgreSQL file; timestamps are Unix milliseconds (UTC),
-- dates office-local 'YYYY-MM-DD'. Personal data is sealed with the service key and
-- looked up by keyed hash only, as for bookings.

-- One draw per opening day. The seed is drawn when entries open and only its SHA-256 is
-- published until the draw has run (then the seed too, so anyone can replay the order).
-- `ran_at` is set by the one transaction that runs the draw: a conditional UPDATE on it
-- makes the draw happen once however many instances try.
CREATE TABLE draws (
    draw_date TEXT PRIMARY KEY,
    seed BLOB NOT NULL,
    seed_sha256 TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    -- When the draw runs (EPAS_DRAW_AT on the day the date enters the booking window).
    closes_at INTEGER NOT NULL,
    ran_at INTEGER,
    -- Figures kept for the public dashboard once the draw has run.
    entries INTEGER,
    seats INTEGER,
    winners INTEGER
);

-- An entry: one family, up to 3 ranked offices, a part of the day.
CREATE TABLE draw_entries (
    id TEXT PRIMARY KEY,
    draw_date TEXT NOT NULL REFERENCES draws (draw_date),
    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'won', 'lost', 'lapsed')),
    service TEXT NOT NULL,
    persons INTEGER NOT NULL CHECK (persons BETWEEN 1 AND 10),
    office_1 INTEGER NOT NULL REFERENCES offices (id),
    office_2 INTEGER REFERENCES offices (id),
    office_3 INTEGER REFERENCES offices (id),
    part_of_day TEXT NOT NULL CHECK (part_of_day IN ('any', 'morning', 'afternoon')),
    -- Whether a losing entry asked for a place on the waitlist.
    wants_waitlist INTEGER NOT NULL CHECK (wants_waitlist IN (0, 1)),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    confirmed_at INTEGER,
    -- The booking a winning entry got.
    booking_id TEXT REFERENCES bookings (id),
    email_hash BLOB NOT NULL,
    email_enc BLOB NOT NULL,
    phone_enc BLOB,
    consent_at INTEGER NOT NULL,
    consent_policy TEXT NOT NULL,
    lang TEXT NOT NULL,
    purged_at INTEGER
);
CREATE INDEX draw_entries_by_draw ON draw_entries (draw_date, status);
CREATE INDEX draw_entries_pending_by_expiry ON draw_entries (expires_at) WHERE status = 'pending';

CREATE TABLE draw_entry_persons (
    entry_id TEXT NOT NULL REFERENCES draw_entries (id),
    position INTEGER NOT NULL CHECK (position >= 1),
    draw_date TEXT NOT NULL,
    last_name_enc BLOB NOT NULL,
    first_name_enc BLOB NOT NULL,
    cnp_enc BLOB NOT NULL,
    cnp_hash BLOB NOT NULL,
    -- True while the entry is pending or confirmed (a lapsed entry frees its CNPs).
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    PRIMARY KEY (entry_id, position)
);
-- Every CNP in at most one entry of a draw, kept by the database itself.
CREATE UNIQUE INDEX draw_entry_persons_one_per_cnp ON draw_entry_persons (draw_date, cnp_hash) WHERE active = 1;

-- The waitlist: a family waiting for seats at up to 3 offices within a date range.
CREATE TABLE waitlist_entries (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('pending', 'waiting', 'held', 'booked', 'ended', 'lapsed')),
    service TEXT NOT NULL,
    persons INTEGER NOT NULL CHECK (persons BETWEEN 1 AND 10),
    office_1 INTEGER NOT NULL REFERENCES offices (id),
    office_2 INTEGER REFERENCES offices (id),
    office_3 INTEGER REFERENCES offices (id),
    date_from TEXT NOT NULL,
    date_to TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    -- "Longest-waiting" is by this: set when the family confirmed its place.
    waiting_since INTEGER,
    closed_at INTEGER,
    -- The booking a taken hold became.
    booking_id TEXT REFERENCES bookings (id),
    email_hash BLOB NOT NULL,
    email_enc BLOB NOT NULL,
    phone_enc BLOB,
    consent_at INTEGER NOT NULL,
    consent_policy TEXT NOT NULL,
    lang TEXT NOT NULL,
    purged_at INTEGER
);
CREATE INDEX waitlist_waiting ON waitlist_entries (waiting_since) WHERE status = 'waiting';
CREATE INDEX waitlist_pending_by_expiry ON waitlist_entries (expires_at) WHERE status = 'pending';

CREATE TABLE waitlist_persons (
    entry_id TEXT NOT NULL REFERENCES waitlist_entries (id),
    position INTEGER NOT NULL CHECK (position >= 1),
    last_name_enc BLOB NOT NULL,
    first_name_enc BLOB NOT NULL,
    cnp_enc BLOB NOT NULL,
    cnp_hash BLOB NOT NULL,
    -- True while the entry is pending, waiting or holding seats.
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    PRIMARY KEY (entry_id, position)
);
-- A family is on one waitlist entry at a time.
CREATE UNIQUE INDEX waitlist_persons_one_per_cnp ON waitlist_persons (cnp_hash) WHERE active = 1;

-- Link tokens of the fair-access flows (stored as SHA-256 of the random token, like
-- booking_tokens): confirm a draw entry or a waitlist place, take a hold, reconfirm a
-- booking. `subject` is the entry's or the booking's id.
CREATE TABLE fair_tokens (
    hash BLOB PRIMARY KEY,
    subject TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN
        ('draw_confirm', 'waitlist_confirm', 'hold_take', 'reconfirm')),
    created_at INTEGER NOT NULL
);
CREATE INDEX fair_tokens_by_subject ON fair_tokens (subject);

-- Seats given up by a booking (cancel, expiry, no reconfirmation, staff cancel) and not
-- yet public. They stay counted in slots.taken, so public availability and the
-- no-overbooking CHECK need nothing new: a hold moves them to a booking, the release
-- deletes the row and gives them back (taken = taken - seats) at `release_at`.
CREATE TABLE freed_seats (
    id INTEGER PRIMARY KEY,
    slot_id INTEGER NOT NULL REFERENCES slots (id),
    seats INTEGER NOT NULL CHECK (seats > 0),
    freed_at INTEGER NOT NULL,
    release_at INTEGER NOT NULL,
    -- The waitlist family these seats are kept for, and until when.
    held_for TEXT REFERENCES waitlist_entries (id),
    hold_until INTEGER,
    CONSTRAINT freed_seats_hold_complete CHECK ((held_for IS NULL) = (hold_until IS NULL))
);
CREATE INDEX freed_seats_by_release ON freed_seats (release_at);
CREATE INDEX freed_seats_by_slot ON freed_seats (slot_id);
CREATE UNIQUE INDEX freed_seats_one_hold_per_family ON freed_seats (held_for) WHERE held_for IS NOT NULL;

-- Every hold offered, and what became of it: the next family is never offered the same
-- slot twice, and the dashboard counts holds taken and lapsed.
CREATE TABLE hold_offers (
    id INTEGER PRIMARY KEY,
    waitlist_id TEXT NOT NULL REFERENCES waitlist_entries (id),
    slot_id INTEGER NOT NULL REFERENCES slots (id),
    seats INTEGER NOT NULL,
    offered_at INTEGER NOT NULL,
    hold_until INTEGER NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('open', 'taken', 'lapsed', 'void')),
    closed_at INTEGER
);
CREATE INDEX hold_offers_by_family ON hold_offers (waitlist_id, slot_id);
CREATE INDEX hold_offers_by_time ON hold_offers (offered_at);

-- No-shows, per CNP (keyed hash): the cool-off before that CNP may book or enter a
-- draw again. Staff may undo a no-show the same day (`undone_at`).
CREATE TABLE no_shows (
    booking_id TEXT NOT NULL REFERENCES bookings (id),
    cnp_hash BLOB NOT NULL,
    marked_at INTEGER NOT NULL,
    blocked_until INTEGER NOT NULL,
    undone_at INTEGER,
    PRIMARY KEY (booking_id, cnp_hash)
);
CREATE INDEX no_shows_by_cnp ON no_shows (cnp_hash, blocked_until);

-- How a booking came to be (the dashboard and the simulation tell them apart), and its
-- reconfirmation: asked at `reconfirm_sent_at`, due by `reconfirm_by`.
ALTER TABLE bookings ADD COLUMN origin TEXT NOT NULL DEFAULT 'public'
    CHECK (origin IN ('public', 'draw', 'hold'));
ALTER TABLE bookings ADD COLUMN reconfirm_sent_at INTEGER;
ALTER TABLE bookings ADD COLUMN reconfirm_by INTEGER;
ALTER TABLE bookings ADD COLUMN reconfirmed_at INTEGER;
-- The reconfirmation job looks for confirmed bookings still to ask, and for those whose
-- time to answer has passed.
CREATE INDEX bookings_reconfirm_due ON bookings (reconfirm_by)
    WHERE status = 'confirmed' AND reconfirm_by IS NOT NULL AND reconfirmed_at IS NULL;
