//! The database's own account of one office-day, read with plain SQL (not through the
//! service): each slot's capacity and seats taken, and every booking made there.

use std::collections::BTreeMap;

use sqlx::PgPool;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotRow {
    pub capacity: i64,
    pub taken: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingRow {
    pub id: String,
    pub time: String,
    pub persons: i64,
    pub status: String,
}

#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// By office-local time `HH:MM`.
    pub slots: BTreeMap<String, SlotRow>,
    pub bookings: Vec<BookingRow>,
    /// The seats each booking holds per slot (time, seats, status): a family seated over
    /// consecutive slots (issue 12) holds seats in its own slot and in the later ones.
    pub holdings: Vec<(String, i64, String)>,
}

impl Ledger {
    pub async fn read(pool: &PgPool, office_id: i64, date: &str) -> Ledger {
        let slots: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT time, capacity, taken FROM slots WHERE office_id = $1 AND date = $2",
        )
        .bind(office_id)
        .bind(date)
        .fetch_all(pool)
        .await
        .expect("reading the slots");
        let bookings: Vec<(String, String, i64, String)> = sqlx::query_as(
            "SELECT b.id, s.time, b.persons, b.status FROM bookings b \
             JOIN slots s ON s.id = b.slot_id WHERE s.office_id = $1 AND s.date = $2",
        )
        .bind(office_id)
        .bind(date)
        .fetch_all(pool)
        .await
        .expect("reading the bookings");
        let holdings: Vec<(String, i64, String)> = sqlx::query_as(
            "SELECT s.time, b.persons - COALESCE((SELECT SUM(o.seats) FROM booking_overflow o
                                                  WHERE o.booking_id = b.id), 0)::BIGINT, b.status
             FROM bookings b JOIN slots s ON s.id = b.slot_id WHERE s.office_id = $1 AND s.date = $2
             UNION ALL
             SELECT s.time, o.seats, b.status FROM booking_overflow o
             JOIN bookings b ON b.id = o.booking_id JOIN slots s ON s.id = o.slot_id
             WHERE s.office_id = $1 AND s.date = $2",
        )
        .bind(office_id)
        .bind(date)
        .fetch_all(pool)
        .await
        .expect("reading the seats held");
        Ledger {
            holdings,
            slots: slots
                .into_iter()
                .map(|(time, capacity, taken)| (time, SlotRow { capacity, taken }))
                .collect(),
            bookings: bookings
                .into_iter()
                .map(|(id, time, persons, status)| BookingRow {
                    id,
                    time,
                    persons,
                    status,
                })
                .collect(),
        }
    }

    /// Persons of the bookings at `time` whose status is one of `statuses`.
    pub fn persons_at(&self, time: &str, statuses: &[&str]) -> i64 {
        self.bookings
            .iter()
            .filter(|b| b.time == time && statuses.contains(&b.status.as_str()))
            .map(|b| b.persons)
            .sum()
    }

    /// The seats bookings in `statuses` hold in the slot at `time`: their own persons
    /// there, less those seated in later slots, plus those of earlier bookings seated on
    /// into it (issue 12).
    pub fn seats_held_at(&self, time: &str, statuses: &[&str]) -> i64 {
        self.holdings
            .iter()
            .filter(|(at, _, status)| at == time && statuses.contains(&status.as_str()))
            .map(|(_, seats, _)| seats)
            .sum()
    }

    pub fn count(&self, status: &str) -> usize {
        self.bookings.iter().filter(|b| b.status == status).count()
    }

    pub fn seats_taken(&self) -> i64 {
        self.slots.values().map(|s| s.taken).sum()
    }

    /// The invariant that holds at every moment: no slot over capacity, and each slot's
    /// `taken` equals the seats the bookings hold there (their persons, less those seated
    /// in later slots; plus those of earlier bookings seated on into it).
    pub fn assert_seats_match_bookings(&self) {
        for (time, slot) in &self.slots {
            assert!(
                slot.taken <= slot.capacity,
                "{time}: {} taken > capacity {}",
                slot.taken,
                slot.capacity
            );
            let holding = self.seats_held_at(time, &["pending", "confirmed"]);
            assert_eq!(
                slot.taken, holding,
                "{time}: taken must equal the persons of its pending/confirmed bookings"
            );
        }
    }
}
