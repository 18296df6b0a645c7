-- Office setup with safe re-planning (SPEC §3): a change of hours never drops a booking.
--
-- `scheduled` is what the office's current schedule offers in the slot (NULL: the slot
-- was planned once and never re-planned, so `capacity` is the schedule's own number).
-- After a re-plan `capacity` = GREATEST(scheduled, taken): seats already held stay held
-- (the CHECK taken <= capacity keeps holding) but no seat beyond the schedule is offered.
ALTER TABLE slots ADD COLUMN scheduled BIGINT CHECK (scheduled IS NULL OR scheduled >= 0);

-- When a manager kept a booking that the new schedule no longer fits: it stays, and the
-- re-planning page stops listing it.
ALTER TABLE bookings ADD COLUMN kept_at BIGINT;

-- Whenever seats come back to a slot held above its schedule (a cancellation, a no-show,
-- an expiry — by any code path), the slot shrinks back towards the schedule, so freed
-- seats of a slot that no longer exists are never offered again.
CREATE FUNCTION slots_shrink_to_schedule() RETURNS trigger AS $$
BEGIN
    NEW.capacity := GREATEST(NEW.scheduled, NEW.taken);
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

-- The WHEN clause keeps the function out of the hot path: a booking only ever raises
-- `taken`, so the trigger never fires for it.
CREATE TRIGGER slots_shrink_to_schedule BEFORE UPDATE OF taken ON slots
FOR EACH ROW
WHEN (NEW.taken < OLD.taken AND NEW.scheduled IS NOT NULL AND NEW.capacity > NEW.scheduled)
EXECUTE FUNCTION slots_shrink_to_schedule();
