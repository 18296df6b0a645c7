//! Conversions between stored columns and domain values, shared by both backends: the
//! schema stores instants as Unix milliseconds and office-local dates/times as text.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use epasapoarte_domain::schedule::{
    DateException, ExceptionHours, OpeningInterval, Schedule, TimeInterval,
};

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{StoreError, StoreResult};
use crate::ids::OfficeId;

/// A boolean column: PostgreSQL's BOOLEAN, or SQLite's 0/1 INTEGER.
pub fn flag(row: &AnyRow, column: &str) -> Result<bool, sqlx::Error> {
    match row.try_get::<bool, _>(column) {
        Ok(value) => Ok(value),
        Err(_) => Ok(row.try_get::<i64, _>(column)? != 0),
    }
}

pub fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

pub fn instant(ms: i64) -> StoreResult<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| StoreError::Corrupt(format!("timestamp {ms}")))
}

pub fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub fn time_text(time: NaiveTime) -> String {
    use chrono::Timelike;
    format!("{:02}:{:02}", time.hour(), time.minute())
}

pub fn date(text: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("date {text:?}")))
}

/// `HH:MM` (as [`time_text`] writes it), read by hand: every slot row the seat cache
/// loads has one, and chrono's `parse_from_str` parses its pattern again each time.
pub fn time(text: &str) -> StoreResult<NaiveTime> {
    let corrupt = || StoreError::Corrupt(format!("time {text:?}"));
    let (hours, minutes) = text.split_once(':').ok_or_else(corrupt)?;
    let two_digits = |part: &str| {
        (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (Some(hours), Some(minutes)) = (two_digits(hours), two_digits(minutes)) else {
        return Err(corrupt());
    };
    NaiveTime::from_hms_opt(hours, minutes, 0).ok_or_else(corrupt)
}

pub fn small(value: i64, what: &str) -> StoreResult<u16> {
    u16::try_from(value).map_err(|_| StoreError::Corrupt(format!("{what} {value}")))
}

pub fn weekday(iso: i64) -> StoreResult<Weekday> {
    match iso {
        1 => Ok(Weekday::Mon),
        2 => Ok(Weekday::Tue),
        3 => Ok(Weekday::Wed),
        4 => Ok(Weekday::Thu),
        5 => Ok(Weekday::Fri),
        6 => Ok(Weekday::Sat),
        7 => Ok(Weekday::Sun),
        _ => Err(StoreError::Corrupt(format!("weekday {iso}"))),
    }
}

/// One row of `office_hours`.
pub struct HoursRow {
    pub office_id: OfficeId,
    pub weekday: i64,
    pub start: String,
    pub end: String,
    pub slot_minutes: i64,
    pub counters: i64,
}

/// One row of `office_exceptions` joined with its hours (none when closed).
pub struct ExceptionRow {
    pub office_id: OfficeId,
    pub date: String,
    pub closed: bool,
    pub hours: Option<(String, String, i64, i64)>,
}

/// Rebuilds an office's schedule from its rows (rows of other offices are skipped).
pub fn schedule(
    office_id: OfficeId,
    hours: &[HoursRow],
    exceptions: &[ExceptionRow],
) -> StoreResult<Schedule> {
    let weekly = hours
        .iter()
        .filter(|row| row.office_id == office_id)
        .map(|row| {
            Ok(OpeningInterval {
                weekday: weekday(row.weekday)?,
                start: time(&row.start)?,
                end: time(&row.end)?,
                slot_minutes: small(row.slot_minutes, "slot_minutes")?,
                counters: small(row.counters, "counters")?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let mut dated: Vec<DateException> = Vec::new();
    for row in exceptions.iter().filter(|row| row.office_id == office_id) {
        let day = date(&row.date)?;
        let interval = match &row.hours {
            Some((start, end, minutes, counters)) => Some(TimeInterval {
                start: time(start)?,
                end: time(end)?,
                slot_minutes: small(*minutes, "slot_minutes")?,
                counters: small(*counters, "counters")?,
            }),
            None => None,
        };
        match dated.iter_mut().find(|exception| exception.date == day) {
            Some(DateException {
                hours: ExceptionHours::Special(intervals),
                ..
            }) => intervals.extend(interval),
            Some(_) => {}
            None => dated.push(DateException {
                date: day,
                hours: match (row.closed, interval) {
                    (false, Some(interval)) => ExceptionHours::Special(vec![interval]),
                    _ => ExceptionHours::Closed,
                },
            }),
        }
    }
    Schedule::new(weekly, dated)
        .map_err(|error| StoreError::Corrupt(format!("schedule of office {office_id}: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_minute_of_the_day_reads_back_as_written() {
        for minute in 0..24 * 60 {
            let time = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap();
            let text = time_text(time);
            assert_eq!(text, time.format("%H:%M").to_string());
            assert_eq!(super::time(&text).unwrap(), time);
        }
    }

    #[test]
    fn a_time_not_written_as_hh_mm_is_corrupt() {
        for text in [
            "",
            "9:30",
            "09:3",
            "24:00",
            "09:60",
            "0930",
            "09:30:00",
            "ab:cd",
            "+9:30",
            "09:-1",
            "٠٩:٣٠",
        ] {
            assert!(
                matches!(super::time(text), Err(StoreError::Corrupt(_))),
                "{text:?}"
            );
        }
    }
}
