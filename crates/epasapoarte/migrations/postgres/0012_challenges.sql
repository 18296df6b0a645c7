-- Proof of work instead of a captcha (SPEC §8, issue 11 item 5).

-- The replay store: every ALTCHA solution (by its challenge, SHA-256 of salt and number)
-- and every no-JavaScript form ticket (by the SHA-256 of its nonce) that a write was
-- accepted with. Accepting one is inserting it: a second insert of the same hash is a
-- replay, refused on every instance alike. Rows are kept until the solution would have
-- expired anyway (Unix milliseconds), then the housekeeping job deletes them.
CREATE TABLE pow_spent (
    hash BYTEA PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX pow_spent_expires_at ON pow_spent (expires_at);

-- Challenges issued and writes refused for want of a good solution, per day (UTC,
-- 'YYYY-MM-DD'), summed over all instances: each adds its counts every few seconds.
-- For the public dashboard; nothing here is personal.
CREATE TABLE pow_counts (
    day TEXT PRIMARY KEY,
    issued BIGINT NOT NULL,
    rejected BIGINT NOT NULL
);
