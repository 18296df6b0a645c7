//! The invariant audit: plain SQL valid on both backends, read on the reader pool.

use async_trait::async_trait;
use chrono::NaiveDate;

use super::{SqlStore, placeholders};
use crate::ids::BookingId;
use crate::store::rows;
use crate::store::*;

/// Per slot from `$1` on: capacity, counter, seats held by its bookings (a family seated
/// over consecutive slots holds its persons less its later seats here, and those seats
/// there), by its person rows still holding, and by freed seats not yet public, and
/// whether the slot is after `$1` (the person check applies from the next day on).
const SLOTS_SQL: &str = "
    SELECT s.capacity, s.taken,
           CAST(COALESCE(b.held, 0) AS BIGINT), CAST(COALESCE(p.held, 0) AS BIGINT),
           CAST(COALESCE(f.freed, 0) AS BIGINT),
           CAST(CASE WHEN s.date > $1 THEN 1 ELSE 0 END AS BIGINT)
    FROM slots s
    LEFT JOIN (
        SELECT slot_id, SUM(held) AS held FROM (
            SELECT k.slot_id, k.persons - COALESCE((SELECT SUM(o.seats) FROM booking_overflow o
                                                   WHERE o.booking_id = k.id), 0) AS held
            FROM bookings k WHERE k.status NOT IN ('cancelled', 'expired')
            UNION ALL
            SELECT o.slot_id, o.seats FROM booking_overflow o JOIN bookings k ON k.id = o.booking_id
            WHERE k.status NOT IN ('cancelled', 'expired')) x
        GROUP BY slot_id) b ON b.slot_id = s.id
    LEFT JOIN (
        SELECT slot_id, SUM(held) AS held FROM (
            SELECT k.slot_id, COUNT(*) - COALESCE((SELECT SUM(o.seats) FROM booking_overflow o
                                                  WHERE o.booking_id = k.id), 0) AS held
            FROM booking_persons q JOIN bookings k ON k.id = q.booking_id
            WHERE q.holds = true GROUP BY k.id, k.slot_id
            UNION ALL
            SELECT o.slot_id, o.seats FROM booking_overflow o
            WHERE EXISTS (SELECT 1 FROM booking_persons q WHERE q.booking_id = o.booking_id AND q.holds = true)) y
        GROUP BY slot_id) p ON p.slot_id = s.id
    LEFT JOIN (SELECT slot_id, SUM(seats) AS freed FROM freed_seats GROUP BY slot_id) f
           ON f.slot_id = s.id
    WHERE s.date >= $1";

/// One slot's row of [`SLOTS_SQL`].
type SlotRow = (i64, i64, i64, i64, i64, i64);

fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

/// Adds one slot's findings to `report`.
fn audit_slot(report: &mut InvariantReport, row: SlotRow) {
    let (capacity, taken, by_bookings, by_persons, freed, later) = row;
    report.slots += 1;
    report.overbooked_slots += u64::from(taken > capacity);
    let held = by_bookings + freed;
    report.overbooked_seats += count(held - capacity);
    report.seat_mismatches += (taken - held).unsigned_abs();
    if later == 1 {
        report.seat_mismatches += (taken - (by_persons + freed)).unsigned_abs();
    }
}

#[async_trait]
impl Invariants for SqlStore {
    async fn audit_invariants(
        &self,
        from: NaiveDate,
        acknowledged: &[BookingId],
    ) -> StoreResult<InvariantReport> {
        let mut report = InvariantReport::default();
        let slots: Vec<SlotRow> = sqlx::query_as(SLOTS_SQL)
            .bind(rows::date_text(from))
            .fetch_all(&self.reader)
            .await?;
        for row in slots {
            audit_slot(&mut report, row);
        }
        let duplicates: i64 = sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT cnp_hash FROM booking_persons
             WHERE holds = true GROUP BY cnp_hash HAVING COUNT(*) > 1) d",
        )
        .fetch_one(&self.reader)
        .await?;
        report.duplicate_cnps = count(duplicates);
        let without_mail: i64 = sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM bookings b
             WHERE b.status = 'pending' AND b.origin = 'public'
               AND b.created_at >= COALESCE((SELECT MIN(o.created_at) FROM outbox o
                                             WHERE o.booking_id IS NOT NULL), 9223372036854775807)
               AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.booking_id = b.id)",
        )
        .fetch_one(&self.reader)
        .await?;
        report.pending_without_mail = count(without_mail);
        report.acknowledged = acknowledged.len() as u64;
        let mut found = 0_u64;
        for chunk in acknowledged.chunks(500) {
            let sql = format!(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM bookings WHERE id IN ({})",
                placeholders(1, chunk.len())
            );
            let mut query = sqlx::query_scalar::<_, i64>(&sql).persistent(false);
            for id in chunk {
                query = query.bind(id);
            }
            found += count(query.fetch_one(&self.reader).await?);
        }
        report.lost = report.acknowledged.saturating_sub(found);
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_is_judged_by_its_counter_its_bookings_and_its_persons() {
        let mut report = InvariantReport::default();
        audit_slot(&mut report, (3, 2, 2, 2, 0, 1));
        audit_slot(&mut report, (3, 3, 1, 1, 2, 1));
        assert!(report.holds(), "{report:?}");
        assert_eq!(report.slots, 2);

        audit_slot(&mut report, (3, 4, 4, 4, 0, 1));
        assert_eq!((report.overbooked_slots, report.overbooked_seats), (1, 1));
        let mut lost_seat = InvariantReport::default();
        audit_slot(&mut lost_seat, (3, 2, 1, 1, 0, 1));
        assert_eq!(
            lost_seat.seat_mismatches, 2,
            "bookings and persons both short"
        );
        let mut today = InvariantReport::default();
        audit_slot(&mut today, (3, 2, 2, 0, 0, 0));
        assert!(
            today.holds(),
            "persons stop holding after today's appointments"
        );
    }
}
