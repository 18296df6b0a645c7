-- The 30 minutes to confirm a booking start when its confirmation request is handed to
-- the mail relay (issue 13): a relay outage must not expire the bookings made during it.
-- booking_id ties a confirmation request to its booking: expiry waits while it is
-- unsent. undeliverable marks a message that can never go out as it is (the relay
-- refused it for good, its address is malformed, its payload cannot be opened): such a
-- message does not hold its booking, and the relay's return does not hurry it.
ALTER TABLE outbox ADD COLUMN booking_id TEXT;
ALTER TABLE outbox ADD COLUMN undeliverable BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX outbox_unsent_by_booking ON outbox (booking_id) WHERE sent_at IS NULL;
