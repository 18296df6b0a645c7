-- Mail with a deadline for its reader goes out first (SPEC §8, issue 11): after a draw
-- the outbox holds thousands of result e-mails, and a confirmation request queued behind
-- them could arrive after its 30 minutes. urgency 0 = a link to act on (confirm a
-- booking, a draw entry or a waitlist place, take a hold, reconfirm) or a lookup someone
-- waits for; 1 = everything else. The same list is `mail::URGENT_KINDS` in Rust; a test
-- checks they agree. Generated from `kind`, so no insert has to remember it.
ALTER TABLE outbox ADD COLUMN urgency INTEGER GENERATED ALWAYS AS (CASE WHEN kind IN
    ('confirm_request', 'draw_confirm_request', 'waitlist_confirm_request',
     'hold_offered', 'reconfirm_request', 'lookup') THEN 0 ELSE 1 END) VIRTUAL;
DROP INDEX outbox_unsent_by_id;
CREATE INDEX outbox_unsent_by_urgency ON outbox (urgency, id) WHERE sent_at IS NULL;
