//! The demo data's own checks: every county covered, hours as the issue asks, slots only
//! on working days inside the window.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use epasapoarte_domain::calendar::is_public_holiday;
use epasapoarte_domain::county::County;
use epasapoarte_domain::schedule::DayHours;

use super::offices::OFFICES;
use super::*;
use crate::ids::OfficeId;

fn record(office: NewOffice) -> OfficeRecord {
    OfficeRecord {
        id: OfficeId(1),
        county_code: office.county_code,
        name: office.name,
        address: office.address,
        timezone: office.timezone,
        max_persons: office.max_persons,
        horizon_days: office.horizon_days,
        services: office.services,
        schedule: office.schedule,
    }
}

fn time(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).unwrap()
}

#[test]
fn counties_are_all_forty_two_with_their_codes() {
    let counties = counties();

    assert_eq!(counties.len(), 42);
    assert!(counties.contains(&("B", "București")));
    assert!(counties.contains(&("IF", "Ilfov")));
}

#[test]
fn every_county_has_at_least_one_office_and_every_office_a_real_county() {
    let covered: HashSet<&str> = OFFICES.iter().map(|row| row.county).collect();

    for (code, name) in counties() {
        assert!(covered.contains(code), "no office in {name}");
    }
    for row in OFFICES {
        assert!(County::by_code(row.county).is_some(), "{}", row.county);
    }
}

#[test]
fn office_names_are_unique_within_their_county() {
    let mut seen = HashSet::new();

    for row in OFFICES {
        assert!(seen.insert((row.county, row.name)), "{}", row.name);
    }
}

#[test]
fn county_services_sit_in_the_county_seats() {
    let towns: HashSet<&str> = OFFICES.iter().map(|row| row.town).collect();

    for seat in [
        "Alba Iulia",
        "Pitești",
        "Cluj-Napoca",
        "Drobeta-Turnu Severin",
        "Miercurea Ciuc",
        "Râmnicu Vâlcea",
        "Sfântu Gheorghe",
        "Focșani",
        "București",
    ] {
        assert!(towns.contains(seat), "{seat}");
    }
}

#[test]
fn every_office_has_two_to_six_counters_both_services_and_five_persons() {
    for row in OFFICES {
        assert!((2..=6).contains(&row.counters), "{}", row.name);
    }
    for office in offices() {
        assert_eq!(office.services, PassportType::ALL.to_vec());
        assert_eq!(office.max_persons, 5);
        assert_eq!(office.horizon_days, 90);
        assert_eq!(office.timezone, chrono_tz::Europe::Bucharest);
    }
}

#[test]
fn offices_open_weekdays_until_half_past_four_and_wednesday_until_half_past_six() {
    let office = offices().remove(0);
    // 2030-03-04 is a Monday; none of that week is a public holiday.
    let monday = NaiveDate::from_ymd_opt(2030, 3, 4).unwrap();

    for offset in 0..7 {
        let date = monday + chrono::Days::new(offset);
        let intervals = office.schedule.hours_on(date).intervals();
        match date.weekday() {
            Weekday::Sat | Weekday::Sun => assert!(intervals.is_empty()),
            weekday => {
                let end = if weekday == Weekday::Wed {
                    time(18, 30)
                } else {
                    time(16, 30)
                };
                assert_eq!(intervals.len(), 1);
                assert_eq!((intervals[0].start, intervals[0].end), (time(8, 30), end));
                assert_eq!(intervals[0].slot_minutes, 15);
            }
        }
    }
}

#[test]
fn christmas_eve_and_new_years_eve_on_a_wednesday_close_at_half_past_four() {
    let office = offices().remove(0);
    // Both fall on a Wednesday in 2025.
    for day in [24, 31] {
        let date = NaiveDate::from_ymd_opt(2025, 12, day).unwrap();

        let hours = office.schedule.hours_on(date);

        assert!(matches!(hours, DayHours::Special(_)), "{date}");
        assert_eq!(hours.intervals()[0].end, time(16, 30));
    }
    // On any other weekday no exception is needed (and none is stored).
    let thursday = NaiveDate::from_ymd_opt(2026, 12, 24).unwrap();
    assert!(matches!(
        office.schedule.hours_on(thursday),
        DayHours::Weekly(_)
    ));
}

#[test]
fn planned_slots_cover_the_window_on_working_days_only() {
    let office = record(offices().remove(0));
    let now = Utc.with_ymd_and_hms(2030, 4, 10, 9, 0, 0).unwrap();

    let slots = planned_slots(&office, now);

    assert!(!slots.is_empty());
    assert!(slots.iter().all(|slot| slot.starts_at > now));
    assert!(slots.iter().all(|slot| slot.capacity == 3));
    for slot in &slots {
        assert!(!matches!(slot.date.weekday(), Weekday::Sat | Weekday::Sun));
        assert!(!is_public_holiday(slot.date), "{}", slot.date);
    }
    let last = slots.iter().map(|slot| slot.date).max().unwrap();
    assert!(last <= NaiveDate::from_ymd_opt(2030, 7, 9).unwrap());
    assert!(slots.windows(2).all(|w| w[0].starts_at < w[1].starts_at));
}
