//! Reports (SPEC §3 "Reports"): per office and office-local day, the seats offered and
//! what became of the bookings for those days, and the lead time to the first free slot
//! sampled over time. Everything is counted from rows that survive the retention purge
//! (slots, and bookings' anonymous columns: office, slot, persons, status), so old
//! reports do not change when personal data is deleted.
//!
//! Every count is in seats (persons), like `slots.capacity`, and is read from the
//! bookings' statuses — never from `slots.taken`, which a check-in keeps but a
//! completion or a no-show gives back.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::StoreResult;
use crate::ids::OfficeId;

/// One office's day, as counted by the store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayCounts {
    pub office_id: OfficeId,
    pub date: NaiveDate,
    /// Sum of the day's slot capacities.
    pub offered: u32,
    /// Persons of bookings still standing for the day: pending, confirmed, checked in,
    /// completed or no-show. Cancelled and expired bookings are NOT booked (their seats
    /// went back to the pool); cancellations have their own column, expiries none.
    pub booked: u32,
    /// Of `booked`, persons whose booking reached `confirmed` or later (confirmed,
    /// checked in, completed, no-show).
    pub confirmed: u32,
    /// Persons who came: checked in or completed.
    pub checked_in: u32,
    /// Persons of no-show bookings.
    pub no_shows: u32,
    /// Persons of cancelled bookings (by the citizen or by staff, confirmed or not).
    pub cancelled: u32,
}

/// The lead time of one office at one sampling: the office-local date of its first slot
/// with a free seat for one person, or none within the booking horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadTimeSample {
    pub office_id: OfficeId,
    /// The sampling instant (the row is kept per office and UTC hour of this instant).
    pub at: DateTime<Utc>,
    /// The office-local date of the sampling.
    pub date: NaiveDate,
    /// Whole days from `date` to the first free slot's date; `None` = no free seat
    /// within the horizon (the worst case, not "unknown").
    pub days: Option<u32>,
}

/// One office's lead time over one office-local day: the worst sample of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadTimeDay {
    pub office_id: OfficeId,
    pub date: NaiveDate,
    /// The largest lead time sampled that day; `None` if some sample found no free seat.
    pub worst_days: Option<u32>,
}

#[async_trait]
pub trait Reports: Send + Sync + 'static {
    /// Per office of `office_ids` and per office-local date in `[from, to]` (both
    /// included) that has slots: the counts. Days without slots are absent. Ordered by
    /// office, then date.
    async fn day_counts(
        &self,
        office_ids: &[OfficeId],
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<DayCounts>>;

    /// Upserts one sample per office and UTC hour (a later sample of the same hour
    /// replaces the earlier one), all in one transaction; safe for several instances.
    async fn record_lead_times(&self, samples: &[LeadTimeSample]) -> StoreResult<()>;

    /// Per office-local date in `[from, to]` with samples: the day's worst lead time.
    async fn lead_time_days(
        &self,
        office_id: OfficeId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<LeadTimeDay>>;
}

/// Statuses that count as booked, confirmed and checked in: the SQL both backends use, so
/// the definitions above live in one place.
pub(crate) const COUNTS_SQL: &str = "
    CAST(COALESCE(SUM(CASE WHEN b.status IN ('pending', 'confirmed', 'checked_in', 'completed', 'no_show') THEN b.persons ELSE 0 END), 0) AS BIGINT) AS booked,
    CAST(COALESCE(SUM(CASE WHEN b.status IN ('confirmed', 'checked_in', 'completed', 'no_show') THEN b.persons ELSE 0 END), 0) AS BIGINT) AS confirmed,
    CAST(COALESCE(SUM(CASE WHEN b.status IN ('checked_in', 'completed') THEN b.persons ELSE 0 END), 0) AS BIGINT) AS checked_in,
    CAST(COALESCE(SUM(CASE WHEN b.status = 'no_show' THEN b.persons ELSE 0 END), 0) AS BIGINT) AS no_shows,
    CAST(COALESCE(SUM(CASE WHEN b.status = 'cancelled' THEN b.persons ELSE 0 END), 0) AS BIGINT) AS cancelled";

/// Merges the offered seats per (office, date) with the bookings' counts per (office,
/// date); both inputs and the output ordered by (office, date).
pub(crate) fn merge_counts(
    offered: Vec<(OfficeId, NaiveDate, u32)>,
    booked: &[DayCounts],
) -> Vec<DayCounts> {
    offered
        .into_iter()
        .map(|(office_id, date, offered)| {
            let counts = booked
                .binary_search_by_key(&(office_id, date), |day| (day.office_id, day.date))
                .map(|at| booked[at])
                .unwrap_or_default();
            DayCounts {
                office_id,
                date,
                offered,
                ..counts
            }
        })
        .collect()
}

/// `(office_id, date, offered)` as both backends read it.
pub(crate) type OfferedRow = (OfficeId, String, i64);
/// `(office_id, date, booked, confirmed, checked_in, no_shows, cancelled)`.
pub(crate) type CountsRow = (OfficeId, String, i64, i64, i64, i64, i64);
/// `(office_id, date, worst days, samples without a free seat)`.
pub(crate) type LeadRow = (OfficeId, String, Option<i64>, i64);

fn count(value: i64) -> StoreResult<u32> {
    u32::try_from(value).map_err(|_| super::StoreError::Corrupt(format!("count {value}")))
}

/// Decodes the two queries' rows and merges them (see [`merge_counts`]).
pub(crate) fn decode_counts(
    offered: Vec<OfferedRow>,
    booked: Vec<CountsRow>,
) -> StoreResult<Vec<DayCounts>> {
    let offered = offered
        .into_iter()
        .map(|(office_id, date, seats)| Ok((office_id, super::rows::date(&date)?, count(seats)?)))
        .collect::<StoreResult<Vec<_>>>()?;
    let booked = booked
        .into_iter()
        .map(
            |(office_id, date, booked, confirmed, checked_in, no_shows, cancelled)| {
                Ok(DayCounts {
                    office_id,
                    date: super::rows::date(&date)?,
                    offered: 0,
                    booked: count(booked)?,
                    confirmed: count(confirmed)?,
                    checked_in: count(checked_in)?,
                    no_shows: count(no_shows)?,
                    cancelled: count(cancelled)?,
                })
            },
        )
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(merge_counts(offered, &booked))
}

pub(crate) fn decode_lead(rows: Vec<LeadRow>) -> StoreResult<Vec<LeadTimeDay>> {
    rows.into_iter()
        .map(|(office_id, date, worst, without)| {
            Ok(LeadTimeDay {
                office_id,
                date: super::rows::date(&date)?,
                worst_days: match (worst, without) {
                    (Some(days), 0) => Some(count(days)?),
                    _ => None,
                },
            })
        })
        .collect()
}

/// The UTC hour a sample is kept under (Unix milliseconds of the hour's start).
pub(crate) fn sample_hour(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis().div_euclid(3_600_000) * 3_600_000
}
