-- The passport-expiry reminder (issue 12 point 10): at registration the holder may ask
-- to be e-mailed 6 months before the new passport expires. When the passport is issued
-- (ready for pickup, or shipped) the reminder is scheduled from its validity; it keeps
-- its own sealed copy of the address, so the application's retention purge does not
-- lose it, and drops it once sent or unsubscribed. The unsubscribe link's token is
-- stored as its SHA-256, like every link token.
ALTER TABLE applications ADD COLUMN expiry_reminder INTEGER NOT NULL DEFAULT 0
    CHECK (expiry_reminder IN (0, 1));

CREATE TABLE expiry_reminders (
    application_id INTEGER PRIMARY KEY REFERENCES applications (id),
    email_enc BLOB NOT NULL,
    lang TEXT NOT NULL,
    -- Office-local dates 'YYYY-MM-DD': the passport's expiry and the day to write.
    expires_on TEXT NOT NULL,
    remind_on TEXT NOT NULL,
    unsubscribe_hash BLOB NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    unsubscribed_at INTEGER
);
CREATE INDEX expiry_reminders_due ON expiry_reminders (remind_on)
    WHERE sent_at IS NULL AND unsubscribed_at IS NULL;
