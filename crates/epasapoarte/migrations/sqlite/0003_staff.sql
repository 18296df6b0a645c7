-- Staff accounts, their sessions, login throttling and the audit log (issue 5; SPEC §3).
-- Same shape as the PostgreSQL file; timestamps are Unix milliseconds (UTC).

-- One row per person of the back office. Usernames are stored lower-case so that
-- "Ana" and "ana" can never be two accounts. An admin is national (no office); a
-- manager or a clerk belongs to exactly one office: the CHECK keeps the two in step.
CREATE TABLE staff_users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL CHECK (username = lower(username) AND length(username) BETWEEN 3 AND 64),
    -- argon2id in the PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$hash): the
    -- parameters travel with the hash, so they can be raised later without a migration.
    password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'clerk')),
    office_id INTEGER REFERENCES offices (id),
    created_at INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL,
    -- Accounts are disabled, never deleted: the audit log keeps pointing at them.
    disabled_at INTEGER,
    -- Failed logins since the last success or lockout; at the threshold the account is
    -- locked until `locked_until` and the count starts again.
    failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until INTEGER,
    CONSTRAINT staff_users_username_unique UNIQUE (username),
    CONSTRAINT staff_users_office_matches_role CHECK ((role = 'admin') = (office_id IS NULL))
);

-- Server-side sessions, so that any number of instances share them and logout really
-- ends one. The id is the SHA-256 of the random cookie value: a database dump holds no
-- usable session. Idle timeout: `last_seen_at`; absolute timeout: `expires_at`.
CREATE TABLE staff_sessions (
    id BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES staff_users (id),
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX staff_sessions_by_user ON staff_sessions (user_id);
CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);

-- Failed logins per client address (a keyed hash of it: addresses are personal data),
-- for the per-address limit that stops guessing across many usernames. Rows older than
-- the window are pruned as new ones arrive.
CREATE TABLE staff_login_failures (
    ip_hash BLOB NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX staff_login_failures_by_ip ON staff_login_failures (ip_hash, at);
CREATE INDEX staff_login_failures_by_at ON staff_login_failures (at);

-- Who did what, when, to what — append-only. Personal data never goes in clear: a CNP
-- is written as its last 4 digits or a keyed hash. No foreign keys on purpose: writing
-- the trail must never fail, not even for a refused request naming an office that does
-- not exist. `actor` is a readable label (username, 'system', 'token:NAME', 'anonymous');
-- `actor_user_id` the staff account behind it, if any.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    actor_user_id INTEGER,
    action TEXT NOT NULL,
    office_id INTEGER,
    target TEXT,
    before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
    after_json TEXT CHECK (after_json IS NULL OR json_valid(after_json))
);
CREATE INDEX audit_log_by_at ON audit_log (at);
CREATE INDEX audit_log_by_actor ON audit_log (actor, id);
CREATE INDEX audit_log_by_action ON audit_log (action, id);
CREATE INDEX audit_log_by_office ON audit_log (office_id, id);

-- Append-only, enforced by the database itself: no code path (nor a stray SQL console)
-- can rewrite or erase the trail.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
