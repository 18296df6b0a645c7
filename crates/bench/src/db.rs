//! Direct reads of the database under test, behind the server's back: the seat audit
//! that decides "overbooked", and the size of a real outbox payload for the raw baseline.
//! Plain SQL valid on both backends; the only values spliced in are our own integers and
//! dates, never input.

use chrono::NaiveDate;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::SqlitePoolOptions;
use sqlx::{PgPool, SqlitePool};

/// A small read pool on the database the server uses.
#[derive(Debug, Clone)]
pub enum Probe {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// One slot's seats as the database holds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotAudit {
    pub capacity: i64,
    /// The slot's counter, what the conditional update maintains.
    pub taken: i64,
    /// Persons of the slot's pending and confirmed bookings.
    pub held_by_bookings: i64,
    /// Person rows still marked as holding a seat.
    pub held_by_persons: i64,
    /// Seats given up but not yet public again (SPEC §8's delayed release and holds):
    /// still counted in `taken`, held by no booking.
    pub freed: i64,
}

/// The verdict of a seat audit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Audit {
    pub slots: usize,
    pub capacity: i64,
    pub taken: i64,
    /// Slots whose counter passed their capacity.
    pub slots_over_capacity: i64,
    /// Seats beyond capacity, counting bookings rather than the counter.
    pub seats_over_capacity: i64,
    /// Σ |taken − persons of active bookings| + Σ |taken − holding person rows|.
    pub mismatch: i64,
}

impl Audit {
    /// Overbooked seats as the benchmark reports them: must be 0.
    #[must_use]
    pub fn overbooked(&self) -> i64 {
        self.slots_over_capacity + self.seats_over_capacity + self.mismatch
    }

    fn of(rows: &[SlotAudit]) -> Audit {
        let mut audit = Audit {
            slots: rows.len(),
            ..Audit::default()
        };
        for row in rows {
            audit.capacity += row.capacity;
            audit.taken += row.taken;
            audit.slots_over_capacity += i64::from(row.taken > row.capacity);
            let by_bookings = row.held_by_bookings + row.freed;
            let by_persons = row.held_by_persons + row.freed;
            audit.seats_over_capacity += (by_bookings - row.capacity).max(0);
            audit.mismatch += (row.taken - by_bookings).abs() + (row.taken - by_persons).abs();
        }
        audit
    }
}

impl Probe {
    pub async fn connect(url: &str) -> anyhow::Result<Probe> {
        // No reaper (idle timeout, lifetime): see the store's pools on sqlx#3645.
        Ok(
            if url.starts_with("postgres://") || url.starts_with("postgresql://") {
                Probe::Postgres(
                    PgPoolOptions::new()
                        .max_connections(2)
                        .idle_timeout(None)
                        .max_lifetime(None)
                        .connect(url)
                        .await?,
                )
            } else {
                Probe::Sqlite(
                    SqlitePoolOptions::new()
                        .max_connections(2)
                        .idle_timeout(None)
                        .max_lifetime(None)
                        .connect(url)
                        .await?,
                )
            },
        )
    }

    /// Audits the slots matching `filter` (a `WHERE` on `slots s`). A family seated over
    /// consecutive slots (issue 12) holds its persons less its `booking_overflow` seats
    /// in its own slot and those seats in the later ones; a server from before that table
    /// (a baseline build) is audited the old way.
    async fn audit_where(&self, filter: &str) -> anyhow::Result<Audit> {
        let rows = match self.audit_rows(filter, true).await {
            Ok(rows) => rows,
            Err(_) => self.audit_rows(filter, false).await?,
        };
        let rows: Vec<SlotAudit> = rows
            .into_iter()
            .map(
                |(capacity, taken, held_by_bookings, held_by_persons, freed)| SlotAudit {
                    capacity,
                    taken,
                    held_by_bookings,
                    held_by_persons,
                    freed,
                },
            )
            .collect();
        Ok(Audit::of(&rows))
    }

    async fn audit_rows(
        &self,
        filter: &str,
        overflow: bool,
    ) -> anyhow::Result<Vec<(i64, i64, i64, i64, i64)>> {
        let (by_bookings, by_persons) = if overflow {
            (
                "SELECT slot_id, SUM(held) AS held FROM (
                     SELECT k.slot_id, k.persons - COALESCE((SELECT SUM(o.seats) FROM booking_overflow o
                                                            WHERE o.booking_id = k.id), 0) AS held
                     FROM bookings k WHERE k.status IN ('pending', 'confirmed')
                     UNION ALL
                     SELECT o.slot_id, o.seats FROM booking_overflow o JOIN bookings k ON k.id = o.booking_id
                     WHERE k.status IN ('pending', 'confirmed')) x GROUP BY slot_id",
                "SELECT slot_id, SUM(held) AS held FROM (
                     SELECT k.slot_id, COUNT(*) - COALESCE((SELECT SUM(o.seats) FROM booking_overflow o
                                                           WHERE o.booking_id = k.id), 0) AS held
                     FROM booking_persons q JOIN bookings k ON k.id = q.booking_id
                     WHERE q.holds GROUP BY k.id, k.slot_id
                     UNION ALL
                     SELECT o.slot_id, o.seats FROM booking_overflow o
                     WHERE EXISTS (SELECT 1 FROM booking_persons q WHERE q.booking_id = o.booking_id AND q.holds)
                 ) x GROUP BY slot_id",
            )
        } else {
            (
                "SELECT slot_id, SUM(persons) AS held FROM bookings
                 WHERE status IN ('pending', 'confirmed') GROUP BY slot_id",
                "SELECT k.slot_id, COUNT(*) AS held
                 FROM booking_persons q JOIN bookings k ON k.id = q.booking_id
                 WHERE q.holds GROUP BY k.slot_id",
            )
        };
        let sql = format!(
            "SELECT s.capacity, s.taken,
                    CAST(COALESCE(b.held, 0) AS BIGINT), CAST(COALESCE(p.held, 0) AS BIGINT),
                    CAST(COALESCE(f.freed, 0) AS BIGINT)
             FROM slots s
             LEFT JOIN ({by_bookings}) b ON b.slot_id = s.id
             LEFT JOIN ({by_persons}) p ON p.slot_id = s.id
             LEFT JOIN (SELECT slot_id, SUM(seats) AS freed FROM freed_seats GROUP BY slot_id) f
                    ON f.slot_id = s.id
             WHERE {filter}"
        );
        Ok(match self {
            Probe::Sqlite(pool) => sqlx::query_as(&sql).fetch_all(pool).await?,
            Probe::Postgres(pool) => sqlx::query_as(&sql).fetch_all(pool).await?,
        })
    }

    /// The seats of one office's day.
    pub async fn audit_day(&self, office_id: i64, date: NaiveDate) -> anyhow::Result<Audit> {
        self.audit_where(&format!(
            "s.office_id = {office_id} AND s.date = '{}'",
            date.format("%Y-%m-%d")
        ))
        .await
    }

    /// Every slot of the database.
    pub async fn audit_all(&self) -> anyhow::Result<Audit> {
        self.audit_where("1 = 1").await
    }

    /// The bookings by origin and status, as `origin/status ×count` (the fairness
    /// simulation's log line: where the seats went).
    pub async fn bookings_by_origin(&self) -> anyhow::Result<String> {
        let sql = "SELECT origin || '/' || status || COALESCE('/' || cancel_reason, ''),
                          CAST(COUNT(*) AS BIGINT), CAST(SUM(persons) AS BIGINT)
                   FROM bookings GROUP BY 1 ORDER BY 1";
        let rows: Vec<(String, i64, i64)> = match self {
            Probe::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await?,
            Probe::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await?,
        };
        Ok(rows
            .iter()
            .map(|(kind, n, persons)| format!("{kind} ×{n} ({persons} p)"))
            .collect::<Vec<_>>()
            .join(", "))
    }

    /// Messages queued by `until` (the server's clock) that the outbox has not sent yet.
    pub async fn unsent_mail(&self, until: chrono::DateTime<chrono::Utc>) -> anyhow::Result<i64> {
        let sql = "SELECT CAST(COUNT(*) AS BIGINT) FROM outbox
                   WHERE sent_at IS NULL AND created_at <= $1";
        let until = until.timestamp_millis();
        Ok(match self {
            Probe::Sqlite(pool) => sqlx::query_scalar(sql).bind(until).fetch_one(pool).await?,
            Probe::Postgres(pool) => sqlx::query_scalar(sql).bind(until).fetch_one(pool).await?,
        })
    }

    /// The mean size (bytes) of the sealed confirmation-request payloads in the outbox.
    pub async fn mean_confirm_request_payload(&self) -> anyhow::Result<i64> {
        let sql = "SELECT CAST(COALESCE(AVG(LENGTH(payload)), 0) AS BIGINT) FROM outbox
                   WHERE kind = 'confirm_request'";
        Ok(match self {
            Probe::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await?,
            Probe::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await?,
        })
    }

    /// Brings a freshly seeded database to a steady state before it is measured, the same
    /// for the HTTP phases and the raw baseline: SQLite folds its write-ahead log into the
    /// database file; PostgreSQL gathers planner statistics (what autovacuum would do
    /// minutes after a load) and writes a checkpoint.
    pub async fn settle(&self) -> anyhow::Result<()> {
        match self {
            Probe::Sqlite(pool) => {
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(pool)
                    .await?;
            }
            Probe::Postgres(pool) => {
                sqlx::query("ANALYZE").execute(pool).await?;
                sqlx::query("CHECKPOINT").execute(pool).await?;
            }
        }
        Ok(())
    }

    pub async fn close(&self) {
        match self {
            Probe::Sqlite(pool) => pool.close().await,
            Probe::Postgres(pool) => pool.close().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(capacity: i64, taken: i64, bookings: i64, persons: i64) -> SlotAudit {
        SlotAudit {
            capacity,
            taken,
            held_by_bookings: bookings,
            held_by_persons: persons,
            freed: 0,
        }
    }

    #[test]
    fn seats_freed_but_not_yet_released_are_not_a_mismatch() {
        let waiting = SlotAudit {
            freed: 2,
            ..slot(6, 6, 4, 4)
        };
        assert_eq!(Audit::of(&[waiting]).overbooked(), 0);
        let lost = SlotAudit {
            freed: 1,
            ..slot(6, 6, 4, 4)
        };
        assert_eq!(
            Audit::of(&[lost]).overbooked(),
            2,
            "a seat counted by nobody"
        );
    }

    #[test]
    fn a_consistent_full_day_has_nothing_overbooked() {
        let audit = Audit::of(&[slot(4, 4, 4, 4), slot(2, 1, 1, 1)]);
        assert_eq!((audit.capacity, audit.taken, audit.overbooked()), (6, 5, 0));
    }

    #[test]
    fn bookings_beyond_capacity_count_even_when_the_counter_looks_fine() {
        let audit = Audit::of(&[slot(4, 4, 6, 6)]);
        assert_eq!(audit.seats_over_capacity, 2);
        assert!(audit.overbooked() > 0);
    }

    #[test]
    fn a_counter_past_capacity_counts_as_overbooked() {
        let audit = Audit::of(&[slot(4, 5, 5, 5)]);
        assert_eq!(audit.slots_over_capacity, 1);
        assert!(audit.overbooked() > 0);
    }
}
