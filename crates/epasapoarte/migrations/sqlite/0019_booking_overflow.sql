-- Families seated over consecutive slots (issue 12): a family larger than its slot's free
-- seats takes every free seat of that slot and goes on into the following slots of the
-- same opening interval. The booking's own slot (bookings.slot_id, the time the family
-- comes) holds `persons` less the seats listed here; each row is the seats it holds in
-- one later slot. Every release gives back both (see give_back_booking).
CREATE TABLE booking_overflow (
    booking_id TEXT NOT NULL REFERENCES bookings (id),
    slot_id INTEGER NOT NULL REFERENCES slots (id),
    seats INTEGER NOT NULL CHECK (seats > 0),
    PRIMARY KEY (booking_id, slot_id)
);
CREATE INDEX booking_overflow_by_slot ON booking_overflow (slot_id);
