//! The public dashboard's counts: a handful of grouped queries, each the same text on
//! both backends, merged per office in Rust.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::SqlStore;
use crate::ids::OfficeId;
use crate::store::stats::{DrawFigures, FairCounts, Stats};
use crate::store::{StoreError, StoreResult, rows};

const DAY_MS: i64 = 86_400_000;

/// `(office_id, count)` from each query, in the order of [`FairCounts`]' fields; `$1` =
/// since, `$2` = now (Unix milliseconds), `$3` = a day in milliseconds — each query binds
/// the first so many of them it names (PostgreSQL refuses values a statement does not use).
const COUNTS: [&str; 6] = [
    // A slot's day enters the window `horizon_days` before it: its opening instant is
    // taken as its start minus the horizon (the time of day is noise at this scale).
    "SELECT s.office_id, CAST(SUM(s.capacity) AS BIGINT) FROM slots s
     JOIN offices o ON o.id = s.office_id
     WHERE s.starts_at - o.horizon_days * $3 >= $1 AND s.starts_at - o.horizon_days * $3 <= $2
     GROUP BY s.office_id",
    "SELECT office_id, CAST(SUM(persons) AS BIGINT) FROM bookings
     WHERE confirmed_at >= $1 AND confirmed_at <= $2 GROUP BY office_id",
    "SELECT office_id, CAST(SUM(persons) AS BIGINT) FROM bookings
     WHERE status IN ('cancelled', 'expired') AND closed_at >= $1 AND closed_at <= $2
     GROUP BY office_id",
    "SELECT o.id, CAST(COUNT(w.id) AS BIGINT) FROM offices o
     JOIN waitlist_entries w ON w.status IN ('waiting', 'held')
         AND (w.office_1 = o.id OR w.office_2 = o.id OR w.office_3 = o.id)
     GROUP BY o.id",
    "SELECT s.office_id, CAST(COUNT(*) AS BIGINT) FROM hold_offers h
     JOIN slots s ON s.id = h.slot_id
     WHERE h.outcome = 'taken' AND h.closed_at >= $1 AND h.closed_at <= $2
     GROUP BY s.office_id",
    "SELECT s.office_id, CAST(COUNT(*) AS BIGINT) FROM hold_offers h
     JOIN slots s ON s.id = h.slot_id
     WHERE h.outcome = 'lapsed' AND h.closed_at >= $1 AND h.closed_at <= $2
     GROUP BY s.office_id",
];

type DrawRow = (
    String,
    String,
    i64,
    Option<i64>,
    Vec<u8>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

#[async_trait]
impl Stats for SqlStore {
    async fn fair_counts(
        &self,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<FairCounts>> {
        let mut by_office: BTreeMap<OfficeId, FairCounts> = BTreeMap::new();
        for (column, sql) in COUNTS.iter().enumerate() {
            let mut query = sqlx::query_as(sql);
            for (n, value) in [rows::millis(since), rows::millis(now), DAY_MS]
                .into_iter()
                .enumerate()
            {
                if sql.contains(&format!("${}", n + 1)) {
                    query = query.bind(value);
                }
            }
            let found: Vec<(OfficeId, i64)> = query.fetch_all(&self.reader).await?;
            for (office_id, count) in found {
                let counts = by_office.entry(office_id).or_insert(FairCounts {
                    office_id,
                    ..FairCounts::default()
                });
                let count = u32::try_from(count)
                    .map_err(|_| StoreError::Corrupt(format!("count {count}")))?;
                *[
                    &mut counts.seats_offered,
                    &mut counts.seats_booked,
                    &mut counts.seats_freed,
                    &mut counts.waitlist,
                    &mut counts.holds_taken,
                    &mut counts.holds_lapsed,
                ][column] = count;
            }
        }
        Ok(by_office.into_values().collect())
    }

    async fn recent_draws(&self, limit: u32) -> StoreResult<Vec<DrawFigures>> {
        let found: Vec<DrawRow> = sqlx::query_as(
            "SELECT draw_date, seed_sha256, closes_at, ran_at, seed, entries, seats, winners
             FROM draws ORDER BY draw_date DESC LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await?;
        found.into_iter().map(draw_figures).collect()
    }
}

fn draw_figures(row: DrawRow) -> StoreResult<DrawFigures> {
    let (date, seed_sha256, closes_at, ran_at, seed, entries, seats, winners) = row;
    let count = |value: Option<i64>| -> StoreResult<Option<u32>> {
        value
            .map(|v| u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("count {v}"))))
            .transpose()
    };
    Ok(DrawFigures {
        draw_date: rows::date(&date)?,
        seed_sha256,
        closes_at: rows::instant(closes_at)?,
        ran_at: ran_at.map(rows::instant).transpose()?,
        // The seed stays secret until the draw has run: revealing it earlier would let
        // anyone compute the order and pick an entry id that wins.
        seed: ran_at.is_some().then_some(seed),
        entries: count(entries)?,
        seats: count(seats)?,
        winners: count(winners)?,
    })
}
