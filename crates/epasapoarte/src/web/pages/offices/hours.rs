//! An office's opening hours in a few lines: the weekly schedule with days of equal hours
//! grouped ("Luni–Vineri: 08:30–16:30"), and the days of the next weeks that differ from
//! it (a closing, special hours, a public holiday on an open weekday).

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use epasapoarte_domain::schedule::{ActivityDay, DayHours, Schedule, TimeInterval};

use super::super::appointment::Row;
use crate::i18n::Lang;
use crate::i18n::format;

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The weekly hours, consecutive days with the same hours as one row; closed days too.
pub fn weekly(lang: Lang, schedule: &Schedule) -> Vec<Row> {
    let per_day: Vec<String> = WEEK
        .iter()
        .map(|day| {
            let intervals: Vec<TimeInterval> = schedule
                .weekly()
                .filter(|opening| opening.weekday == *day)
                .map(|opening| opening.interval())
                .collect();
            intervals_text(lang, &intervals)
        })
        .collect();
    grouped(lang, &per_day)
}

/// An activity's weekly hours (issue 12: pickup, public relations), grouped the same way.
pub fn activity(lang: Lang, days: &[ActivityDay]) -> Vec<Row> {
    let per_day: Vec<String> = WEEK
        .iter()
        .map(
            |weekday| match days.iter().find(|d| d.weekday == *weekday) {
                Some(day) => format!("{}–{}", format::clock(day.start), format::clock(day.end)),
                None => lang.t("web.offices.closed").to_owned(),
            },
        )
        .collect();
    grouped(lang, &per_day)
}

/// One row per run of consecutive weekdays with the same text ("Luni–Vineri: …").
fn grouped(lang: Lang, per_day: &[String]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut start = 0;
    for end in 1..=WEEK.len() {
        if end < WEEK.len() && per_day[end] == per_day[start] {
            continue;
        }
        let first = format::capitalised(format::weekday(lang, WEEK[start]));
        let key = if end - 1 == start {
            first
        } else {
            let last = format::capitalised(format::weekday(lang, WEEK[end - 1]));
            format!("{first}–{last}")
        };
        rows.push(Row::new(&key, per_day[start].clone()));
        start = end;
    }
    rows
}

/// The dates from `today` through `today + days` whose hours differ from the weekly ones.
pub fn exceptions(lang: Lang, schedule: &Schedule, today: NaiveDate, days: i64) -> Vec<Row> {
    (0..=days)
        .filter_map(|offset| today.checked_add_signed(Duration::days(offset)))
        .filter_map(|date| {
            let text = match schedule.hours_on(date) {
                DayHours::Weekly(_) => return None,
                DayHours::Special(intervals) => lang.tf(
                    "web.offices.special_hours",
                    &[("hours", &intervals_text(lang, intervals))],
                ),
                DayHours::ClosedByException => lang.t("web.offices.closed").to_owned(),
                DayHours::ClosedForHoliday if open_on(schedule, date.weekday()) => {
                    lang.t("web.offices.closed_holiday").to_owned()
                }
                DayHours::ClosedForHoliday => return None,
            };
            Some(Row::new(
                &format::capitalised(&format::date(lang, date)),
                text,
            ))
        })
        .collect()
}

fn open_on(schedule: &Schedule, day: Weekday) -> bool {
    schedule.weekly().any(|opening| opening.weekday == day)
}

/// "08:30–12:00, 13:00–16:30", or "închis".
fn intervals_text(lang: Lang, intervals: &[TimeInterval]) -> String {
    if intervals.is_empty() {
        return lang.t("web.offices.closed").to_owned();
    }
    intervals
        .iter()
        .map(|i| format!("{}–{}", format::clock(i.start), format::clock(i.end)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;
    use epasapoarte_domain::schedule::{DateException, ExceptionHours, OpeningInterval};

    use super::*;

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
    }

    fn schedule(exceptions: Vec<DateException>) -> Schedule {
        let mut weekly: Vec<OpeningInterval> = WEEK[..5]
            .iter()
            .map(|day| OpeningInterval {
                weekday: *day,
                start: at(8, 30),
                end: at(16, 30),
                slot_minutes: 30,
                counters: 2,
            })
            .collect();
        weekly[3].end = at(18, 30);
        Schedule::new(weekly, exceptions).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn days_with_the_same_hours_are_grouped() {
        let rows: Vec<(String, String)> = weekly(Lang::Ro, &schedule(Vec::new()))
            .into_iter()
            .map(|row| (row.key, row.value))
            .collect();
        let expected = [
            ("Luni–Miercuri", "08:30–16:30"),
            ("Joi", "08:30–18:30"),
            ("Vineri", "08:30–16:30"),
            ("Sâmbătă–Duminică", "închis"),
        ];
        assert_eq!(rows.len(), expected.len());
        for (row, (key, value)) in rows.iter().zip(expected) {
            assert_eq!((row.0.as_str(), row.1.as_str()), (key, value));
        }
    }

    #[test]
    fn exceptions_list_closings_special_hours_and_holidays_on_open_days() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default();
        let special = vec![TimeInterval {
            start: at(9, 0),
            end: at(12, 0),
            slot_minutes: 30,
            counters: 1,
        }];
        let schedule = schedule(vec![
            DateException {
                date: day(24),
                hours: ExceptionHours::Closed,
            },
            DateException {
                date: day(25),
                hours: ExceptionHours::Special(special),
            },
        ]);
        // 30 Nov 2026 (Monday) is St Andrew's day; 1 Dec is National Day (Tuesday).
        let rows = exceptions(Lang::Ro, &schedule, day(23), 10);
        let values: Vec<&str> = rows.iter().map(|row| row.value.as_str()).collect();
        assert_eq!(
            values,
            [
                "închis",
                "program special: 09:00–12:00",
                "închis (sărbătoare legală)",
                "închis (sărbătoare legală)"
            ]
        );
        assert_eq!(rows[0].key, "Marți, 24 noiembrie 2026");
    }
}
