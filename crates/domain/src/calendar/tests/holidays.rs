//! The public holidays against the official lists published for 2025 and 2026.

use chrono::Datelike;

use super::ymd;
use crate::calendar::{HolidayKind, SUPPORTED_YEARS, orthodox_easter, public_holidays};

fn listed(year: i32) -> Vec<(String, &'static str)> {
    public_holidays(year)
        .into_iter()
        .map(|h| (h.date.to_string(), h.kind.as_str()))
        .collect()
}

fn expected(rows: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    rows.iter()
        .map(|(date, name)| ((*date).to_owned(), *name))
        .collect()
}

#[test]
fn holidays_of_2025_are_the_official_list() {
    // specialarad.ro and zile-libere.info, "Lista completă cu zile libere în 2025".
    let official = expected(&[
        ("2025-01-01", "new_year"),
        ("2025-01-02", "new_year_second_day"),
        ("2025-01-06", "epiphany"),
        ("2025-01-07", "saint_john_the_baptist"),
        ("2025-01-24", "union_day"),
        ("2025-04-18", "good_friday"),
        ("2025-04-20", "easter"),
        ("2025-04-21", "easter_monday"),
        ("2025-05-01", "labour_day"),
        ("2025-06-01", "childrens_day"),
        ("2025-06-08", "pentecost"),
        ("2025-06-09", "pentecost_monday"),
        ("2025-08-15", "assumption"),
        ("2025-11-30", "saint_andrew"),
        ("2025-12-01", "national_day"),
        ("2025-12-25", "christmas"),
        ("2025-12-26", "christmas_second_day"),
    ]);
    assert_eq!(listed(2025), official);
}

#[test]
fn holidays_of_2026_are_the_official_list_with_1_june_twice() {
    // realitatea.net and evz.ro, "Lista completă a zilelor libere legale în 2026".
    let official = expected(&[
        ("2026-01-01", "new_year"),
        ("2026-01-02", "new_year_second_day"),
        ("2026-01-06", "epiphany"),
        ("2026-01-07", "saint_john_the_baptist"),
        ("2026-01-24", "union_day"),
        ("2026-04-10", "good_friday"),
        ("2026-04-12", "easter"),
        ("2026-04-13", "easter_monday"),
        ("2026-05-01", "labour_day"),
        ("2026-05-31", "pentecost"),
        ("2026-06-01", "childrens_day"),
        ("2026-06-01", "pentecost_monday"),
        ("2026-08-15", "assumption"),
        ("2026-11-30", "saint_andrew"),
        ("2026-12-01", "national_day"),
        ("2026-12-25", "christmas"),
        ("2026-12-26", "christmas_second_day"),
    ]);
    assert_eq!(listed(2026), official);
}

#[test]
fn good_friday_and_labour_day_share_1_may_2043_in_the_laws_order() {
    let first_of_may: Vec<HolidayKind> = public_holidays(2043)
        .into_iter()
        .filter(|h| h.date == ymd(2043, 5, 1))
        .map(|h| h.kind)
        .collect();
    assert_eq!(
        first_of_may,
        vec![HolidayKind::GoodFriday, HolidayKind::LabourDay]
    );
}

#[test]
fn every_supported_year_has_17_sorted_holidays_inside_the_year() {
    for year in SUPPORTED_YEARS {
        let holidays = public_holidays(year);
        assert_eq!(holidays.len(), 17, "{year}");
        assert!(
            holidays.windows(2).all(|w| w[0].date <= w[1].date),
            "{year}"
        );
        assert!(holidays.iter().all(|h| h.date.year() == year), "{year}");
    }
}

#[test]
fn rusalii_are_49_and_50_days_after_easter() {
    for year in SUPPORTED_YEARS {
        let easter = orthodox_easter(year).expect("in range");
        let date_of = |kind| public_holidays(year).into_iter().find(|h| h.kind == kind);
        assert_eq!(
            date_of(HolidayKind::Pentecost).map(|h| (h.date - easter).num_days()),
            Some(49)
        );
        let monday = date_of(HolidayKind::PentecostMonday).map(|h| (h.date - easter).num_days());
        assert_eq!(monday, Some(50));
    }
}

#[test]
fn holidays_of_far_years_do_not_panic() {
    assert!(public_holidays(i32::MAX).is_empty());
    assert!(public_holidays(i32::MIN).is_empty());
    assert_eq!(public_holidays(1).len(), 17);
}
