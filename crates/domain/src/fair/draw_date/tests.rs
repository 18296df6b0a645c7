//! The draw date, its instant in Bucharest (and through DST), and which draws are open or due.

use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;

use crate::fair::draw_date::{
    DEFAULT_DRAW_AT, draw_date, draw_instant, due_draw_dates, entries_open_for, parse_draw_at,
};
use crate::fair::testing::{date, time, utc};

const BUCHAREST: Tz = Tz::Europe__Bucharest;

fn weekdays(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[test]
fn on_a_wednesday_the_draw_is_for_the_day_after_the_window() {
    assert_eq!(
        draw_date(date(2026, 12, 9), 90, weekdays),
        Some(date(2027, 3, 10))
    );
}

#[test]
fn on_a_saturday_the_draw_is_for_the_monday_after_the_window() {
    // 2026-12-05 is a Saturday; + 91 days is Saturday 2027-03-06.
    assert_eq!(
        draw_date(date(2026, 12, 5), 90, weekdays),
        Some(date(2027, 3, 8))
    );
}

#[test]
fn a_zero_horizon_draws_for_tomorrow() {
    assert_eq!(
        draw_date(date(2026, 12, 9), 0, |_| true),
        Some(date(2026, 12, 10))
    );
}

#[test]
fn no_draw_when_every_office_stays_closed_for_a_month() {
    assert_eq!(draw_date(date(2026, 12, 9), 90, |_| false), None);
    // The search starts on 2027-03-10 and covers 31 days.
    let last_searched = date(2027, 4, 9);
    assert_eq!(
        draw_date(date(2026, 12, 9), 90, |d| d == last_searched),
        Some(last_searched)
    );
    assert_eq!(
        draw_date(date(2026, 12, 9), 90, |d| d > last_searched),
        None
    );
}

#[test]
fn the_draw_runs_at_five_past_midnight_bucharest_time_horizon_days_before() {
    let at = draw_instant(date(2027, 3, 10), 90, DEFAULT_DRAW_AT, BUCHAREST);
    // 2026-12-10 00:05 EET (UTC+2).
    assert_eq!(at, Some(utc(2026, 12, 9, 22, 5)));
}

#[test]
fn a_draw_time_skipped_by_dst_runs_when_the_clocks_resume() {
    // Bucharest: 2027-03-28 03:00 EET jumps to 04:00 EEST (01:00 UTC).
    let at = draw_instant(date(2027, 3, 28), 0, time(3, 30), BUCHAREST);
    assert_eq!(at, Some(utc(2027, 3, 28, 1, 0)));
}

#[test]
fn a_draw_time_repeated_by_dst_runs_the_first_time() {
    // Bucharest: 2026-10-25 04:00 EEST falls back to 03:00 EET; 03:30 EEST is 00:30 UTC.
    let at = draw_instant(date(2026, 10, 25), 0, time(3, 30), BUCHAREST);
    assert_eq!(at, Some(utc(2026, 10, 25, 0, 30)));
}

#[test]
fn a_draw_on_a_day_the_calendar_skipped_runs_at_the_next_midnight() {
    // Samoa skipped 2011-12-30; 2011-12-31 00:00 (UTC+14) is 2011-12-30 10:00 UTC.
    let at = draw_instant(date(2011, 12, 30), 0, DEFAULT_DRAW_AT, Tz::Pacific__Apia);
    assert_eq!(at, Some(utc(2011, 12, 30, 10, 0)));
}

#[test]
fn entries_stay_open_for_yesterdays_draw_until_it_runs() {
    // Bucharest 2026-12-10 00:04 local = 2026-12-09 22:04 UTC: the 2027-03-10 draw is pending.
    let open = |now| entries_open_for(now, BUCHAREST, 90, DEFAULT_DRAW_AT, weekdays);
    assert_eq!(open(utc(2026, 12, 9, 22, 4)), Some(date(2027, 3, 10)));
    assert_eq!(open(utc(2026, 12, 9, 22, 5)), Some(date(2027, 3, 11)));
    assert_eq!(open(utc(2026, 12, 9, 12, 0)), Some(date(2027, 3, 10)));
}

#[test]
fn a_draw_is_due_from_its_instant_and_stays_due() {
    let due = |now| due_draw_dates(now, BUCHAREST, 90, DEFAULT_DRAW_AT, 3, weekdays);
    assert_eq!(
        due(utc(2026, 12, 9, 22, 4)),
        [date(2027, 3, 8), date(2027, 3, 9)]
    );
    assert_eq!(
        due(utc(2026, 12, 9, 22, 5)),
        [date(2027, 3, 8), date(2027, 3, 9), date(2027, 3, 10)]
    );
}

#[test]
fn weekend_dates_have_no_draw() {
    // Monday 2026-12-07 10:00 local: the window ends on Sunday 2027-03-07.
    let due = due_draw_dates(
        utc(2026, 12, 7, 8, 0),
        BUCHAREST,
        90,
        DEFAULT_DRAW_AT,
        4,
        weekdays,
    );
    assert_eq!(due, [date(2027, 3, 3), date(2027, 3, 4), date(2027, 3, 5)]);
}

#[test]
fn the_draw_time_is_read_as_hh_mm() {
    assert_eq!(parse_draw_at("00:05"), Ok(DEFAULT_DRAW_AT));
    assert_eq!(parse_draw_at("23:59"), Ok(time(23, 59)));
    for bad in [
        "", "0:05", "00:5", "24:00", "00:60", "00:05:00", " 00:05", "0005", "aa:bb",
    ] {
        assert!(parse_draw_at(bad).is_err(), "{bad:?} was accepted");
    }
}
