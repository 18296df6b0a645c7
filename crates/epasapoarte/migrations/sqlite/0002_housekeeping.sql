-- Retention (SPEC §7): when a booking's personal data was deleted. The row stays, with
-- its office, slot, service, persons and status: the anonymous counts reports need.
ALTER TABLE bookings ADD COLUMN purged_at INTEGER;

-- The housekeeping job looks up bookings by appointment time through their slot.
CREATE INDEX bookings_not_purged ON bookings (slot_id) WHERE purged_at IS NULL;
