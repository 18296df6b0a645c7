//! The holidays' stable keys and catalogue keys.

use std::str::FromStr;

use crate::calendar::HolidayKind;

#[test]
fn holiday_names_are_catalogue_keys() {
    crate::catalogue_keys::assert_catalogue_keys("holiday", HolidayKind::ALL.map(HolidayKind::key));
    assert_eq!(HolidayKind::NationalDay.key(), "holiday.national_day");
}

#[test]
fn holiday_kind_keys_round_trip_and_are_unique() {
    for kind in HolidayKind::ALL {
        assert_eq!(HolidayKind::from_str(kind.as_str()), Ok(kind));
    }
    let mut keys: Vec<&str> = HolidayKind::ALL.iter().map(|k| k.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), HolidayKind::ALL.len());
    assert!(HolidayKind::from_str("Christmas").is_err());
}
