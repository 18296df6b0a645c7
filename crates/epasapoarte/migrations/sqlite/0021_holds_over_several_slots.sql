-- A family larger than the seats freed in one slot may be held seats over consecutive
-- slots of the same opening interval (issue 12, as bookings are since 0019): its hold is
-- then several freed_seats rows, one or more per slot. One open hold per family is still
-- guaranteed by waitlist_entries.status ('waiting' -> 'held' is single-winner), so the
-- unique index becomes a plain one for the take/lapse/void lookups by family.
DROP INDEX freed_seats_one_hold_per_family;
CREATE INDEX freed_seats_by_hold ON freed_seats (held_for) WHERE held_for IS NOT NULL;
