//! Office-local wall time and UTC, both ways: pinning a wall time that DST skips or
//! repeats to one instant, deterministically.

use chrono::{DateTime, MappedLocalTime, NaiveDate, NaiveDateTime, Offset, TimeDelta};
use chrono::{TimeZone, Utc};
use chrono_tz::Tz;

/// A wall time in a DST gap is pinned to the first existing minute after it; Samoa once
/// skipped a whole day, so the search goes two days ahead.
const GAP_SEARCH_MINUTES: i64 = 2 * 24 * 60;

/// Office-local wall time at `at` (UTC's at the very end of chrono's range).
#[must_use]
pub fn local(at: DateTime<Utc>, tz: Tz) -> NaiveDateTime {
    let utc = at.naive_utc();
    let offset = tz.offset_from_utc_datetime(&utc).fix();
    utc.checked_add_offset(offset).unwrap_or(utc)
}

/// Office-local date at `at`.
#[must_use]
pub fn local_date(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    local(at, tz).date()
}

/// Pins a wall time to UTC: the earlier of two (DST ends), or the first existing minute
/// after a gap (DST starts); `None` only beyond chrono's range.
#[must_use]
pub fn pin(tz: Tz, wall: NaiveDateTime) -> Option<DateTime<Utc>> {
    (0..=GAP_SEARCH_MINUTES).find_map(|minutes| {
        let probe = wall.checked_add_signed(TimeDelta::minutes(minutes))?;
        match tz.from_local_datetime(&probe) {
            MappedLocalTime::Single(at) => Some(at.with_timezone(&Utc)),
            MappedLocalTime::Ambiguous(first, second) => {
                Some(first.min(second).with_timezone(&Utc))
            }
            MappedLocalTime::None => None,
        }
    })
}
