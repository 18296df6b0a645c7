//! Which day the agenda shows, and the day's edges: a date as typed (`YYYY-MM-DD`), today in
//! the office's own time zone when none is asked, the office-local day as a UTC range, and
//! the previous/next day the office is open (for the links either side of the title).

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use epasapoarte_domain::schedule::Schedule;

/// How far the previous/next links look for an open day before settling for the next date.
const LOOKAHEAD_DAYS: u64 = 31;

/// A typed date, or `None` when it is not a real `YYYY-MM-DD` date of a plausible year
/// (the range keeps day arithmetic far from chrono's limits).
pub fn parse(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .filter(|date| (2000..=2999).contains(&date.year()))
}

/// The office's date at `now`.
pub fn today(tz: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

/// The office-local day `date` as `[start, end)` in UTC.
pub fn bounds(tz: Tz, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let next = date.checked_add_days(Days::new(1)).unwrap_or(date);
    (midnight(tz, date), midnight(tz, next))
}

fn midnight(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    let local = date.and_time(NaiveTime::MIN);
    // Midnight always exists in Romania; a zone that skips it starts the day at the gap's end.
    tz.from_local_datetime(&local)
        .earliest()
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

/// The nearest open day after (`forward`) or before `date`; the adjacent date when the
/// office has no open day within a month (a closed office still has an agenda to read).
pub fn open_day_from(schedule: &Schedule, date: NaiveDate, forward: bool) -> NaiveDate {
    let step = |day: NaiveDate| {
        if forward {
            day.checked_add_days(Days::new(1))
        } else {
            day.checked_sub_days(Days::new(1))
        }
    };
    let adjacent = step(date).unwrap_or(date);
    let mut day = adjacent;
    for _ in 0..LOOKAHEAD_DAYS {
        if !schedule.hours_on(day).intervals().is_empty() {
            return day;
        }
        match step(day) {
            Some(next) => day = next,
            None => break,
        }
    }
    adjacent
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_dates_of_plausible_years_are_read() {
        assert_eq!(parse("2026-03-02"), NaiveDate::from_ymd_opt(2026, 3, 2));
        for bad in [
            "",
            "2026-02-30",
            "02.03.2026",
            "abc",
            "99999-01-01",
            "1900-01-01",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_romanian_day_starts_at_local_midnight() {
        let tz = chrono_tz::Europe::Bucharest;
        let date = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        let (from, to) = bounds(tz, date);
        assert_eq!(from.to_rfc3339(), "2026-06-30T21:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2026-07-01T21:00:00+00:00");
    }
}
