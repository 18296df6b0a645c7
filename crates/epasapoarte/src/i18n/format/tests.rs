//! Dates, zones, counts, names and money in both languages.

use super::*;

fn thursday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default()
}

#[test]
fn dates_are_spelled_in_the_readers_language() {
    assert_eq!(date(Lang::Ro, thursday()), "joi, 3 decembrie 2026");
    assert_eq!(date(Lang::En, thursday()), "Thursday 3 December 2026");
    assert_eq!(day_month(Lang::Ro, thursday()), "3 decembrie");
    assert_eq!(day_month(Lang::En, thursday()), "3 December");
}

#[test]
fn every_weekday_and_month_has_a_name_in_both_languages() {
    let monday = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
    for lang in [Lang::Ro, Lang::En] {
        let mut names = std::collections::BTreeSet::new();
        for offset in 0..366 {
            let day = monday + chrono::Days::new(offset);
            let text = date(lang, day);
            assert!(!text.contains("format."), "{text}");
            names.insert(weekday(lang, day.weekday()));
            names.insert(month(lang, day));
        }
        assert_eq!(names.len(), 7 + 12);
    }
}

#[test]
fn zones_name_the_office_clock() {
    let london = chrono_tz::Europe::London;
    assert_eq!(zone_label(Lang::Ro, ROMANIA), "ora României");
    assert_eq!(zone_label(Lang::Ro, london), "ora locală, Europe/London");
    assert_eq!(zone_label(Lang::En, london), "local time, Europe/London");
    assert_eq!(zone_in_text(Lang::Ro, ROMANIA), "ora României");
    assert_eq!(zone_in_text(Lang::Ro, london), "ora locală (Europe/London)");
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default();
    assert_eq!(
        time_in_zone(Lang::Ro, nine, ROMANIA),
        "09:00 (ora României)"
    );
    assert_eq!(clock(nine), "09:00");
}

#[test]
fn an_instant_reads_as_the_offices_local_date_and_time() {
    let at = DateTime::parse_from_rfc3339("2026-12-03T22:30:00Z")
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_default();
    let expected = (
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default(),
        NaiveTime::from_hms_opt(0, 30, 0).unwrap_or_default(),
    );
    assert_eq!(local(at, ROMANIA), expected);
}

#[test]
fn romanian_counts_take_de_from_twenty_on() {
    let seats = |n| count(Lang::Ro, "web.journey.seats", n);
    assert_eq!(seats(1), "1 loc liber");
    assert_eq!(seats(0), "0 locuri libere");
    assert_eq!(seats(3), "3 locuri libere");
    assert_eq!(seats(20), "20 de locuri libere");
    assert_eq!(seats(100), "100 de locuri libere");
    assert_eq!(seats(101), "101 locuri libere");
    assert_eq!(seats(119), "119 locuri libere");
    assert_eq!(count(Lang::En, "web.earliest.free", 20), "20 free places");
    assert_eq!(count(Lang::En, "web.journey.seats", 1), "1 free place");
}

/// English has no "de" form: wherever the catalogue has a counted key, its `_many` and
/// `_few` read the same in English.
#[test]
fn english_counts_have_one_plural() {
    for key in crate::i18n::keys(Lang::En) {
        if let Some(stem) = key.strip_suffix("_many") {
            assert_eq!(Lang::En.t(key), Lang::En.t(&format!("{stem}_few")), "{key}");
        }
    }
}

#[test]
fn names_follow_each_languages_order() {
    assert_eq!(person_name(Lang::Ro, " Popescu ", "Ana"), "Popescu Ana");
    assert_eq!(person_name(Lang::En, "Popescu", "Ana"), "Ana Popescu");
}

#[test]
fn capitalising_keeps_romanian_letters() {
    assert_eq!(capitalised("marți"), "Marți");
    assert_eq!(capitalised("ștefan"), "Ștefan");
    assert_eq!(capitalised(""), "");
}

#[test]
fn whole_lei_show_without_bani() {
    assert_eq!(money(Lang::Ro, Bani::from_lei(258)), "258 lei");
    assert_eq!(money(Lang::En, Bani::from_lei(258)), "258 lei");
    assert_eq!(money(Lang::Ro, Bani(0)), "0 lei");
}

#[test]
fn bani_show_after_a_comma_with_two_digits() {
    use epasapoarte_domain::passport::COURIER_FEE;
    assert_eq!(money(Lang::Ro, COURIER_FEE), "11,30 lei");
    assert_eq!(money(Lang::Ro, Bani(5)), "0,05 lei");
    assert_eq!(money(Lang::Ro, Bani(99)), "0,99 lei");
}

#[test]
fn thousands_are_grouped_with_a_dot() {
    assert_eq!(money(Lang::Ro, Bani(123_405)), "1.234,05 lei");
    assert_eq!(money(Lang::Ro, Bani::from_lei(1_000_000)), "1.000.000 lei");
    assert_eq!(money(Lang::Ro, Bani::from_lei(999)), "999 lei");
    assert_eq!(money(Lang::Ro, Bani(u32::MAX)), "42.949.672,95 lei");
}

#[test]
fn a_shown_amount_reads_back_as_the_same_amount() {
    for bani in (0..=2_000_000u32).step_by(997).chain([u32::MAX]) {
        let shown = money(Lang::Ro, Bani(bani));
        let typed = shown.trim_end_matches(" lei").replace('.', "");
        assert_eq!(typed.parse::<Bani>(), Ok(Bani(bani)), "{shown}");
    }
}
