//! Orthodox Easter: the Julian computus, then a day-count conversion to the Gregorian calendar.

use chrono::NaiveDate;

/// Orthodox Easter Sunday of `year`, as a Gregorian (civil) date.
///
/// The Orthodox churches, the Romanian one included, still reckon Easter on the Julian
/// calendar (Meeus, *Astronomical Algorithms*, "Julian Easter"). The Julian date is then
/// moved to the Gregorian calendar through the Julian Day Number, not by adding a constant:
/// the calendars are 13 days apart until 28 February 2100 (Gregorian) and 14 days apart
/// from 1 March 2100, and a day count gets that right for every year.
///
/// Returns `None` only when the answer falls outside the dates `chrono` can represent
/// (years beyond roughly ±262 000); every year of practical interest has an answer.
#[must_use]
pub fn orthodox_easter(year: i32) -> Option<NaiveDate> {
    let (month, day) = julian_easter(year);
    julian_to_gregorian(year, month, day)
}

/// The Julian-calendar (month, day) of Easter in `year` (Meeus' Julian algorithm).
fn julian_easter(year: i32) -> (i64, i64) {
    let year = i64::from(year);
    // rem_euclid keeps the computus right for years before 1 as well.
    let a = year.rem_euclid(4);
    let b = year.rem_euclid(7);
    let c = year.rem_euclid(19);
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    (month, day)
}

/// Converts a Julian-calendar date to the Gregorian calendar through its Julian Day Number.
fn julian_to_gregorian(year: i32, month: i64, day: i64) -> Option<NaiveDate> {
    // Julian Day Number of a Julian-calendar date (Fliegel–Van Flandern style, with
    // floor division so that proleptic years before 1 come out right too).
    let a = (14 - month).div_euclid(12);
    let y = i64::from(year) + 4800 - a;
    let m = month + 12 * a - 3;
    let jdn = day + (153 * m + 2).div_euclid(5) + 365 * y + y.div_euclid(4) - 32083;
    // JDN 1 721 426 is 0001-01-01 (Gregorian), which chrono counts as day 1 from CE.
    let days_from_ce = i32::try_from(jdn - 1_721_425).ok()?;
    NaiveDate::from_num_days_from_ce_opt(days_from_ce)
}
