//! When a passport expires, and how its validity is named.

use chrono::NaiveDate;

use crate::catalogue_keys::assert_catalogue_keys;
use crate::passport::Validity;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date is valid")
}

#[test]
fn a_ten_year_passport_issued_on_29_february_expires_on_28_february() {
    assert_eq!(
        Validity::Years(10).expires_on(date(2024, 2, 29)),
        date(2034, 2, 28)
    );
    assert_eq!(
        Validity::Months(12).expires_on(date(2024, 2, 29)),
        date(2025, 2, 28)
    );
    // Leap year to leap year keeps the 29th.
    assert_eq!(
        Validity::Years(4).expires_on(date(2024, 2, 29)),
        date(2028, 2, 29)
    );
}

#[test]
fn expiry_keeps_the_day_of_the_month_when_it_exists() {
    assert_eq!(
        Validity::Years(5).expires_on(date(2026, 3, 15)),
        date(2031, 3, 15)
    );
    assert_eq!(
        Validity::Years(3).expires_on(date(2026, 12, 31)),
        date(2029, 12, 31)
    );
    assert_eq!(
        Validity::Months(12).expires_on(date(2026, 1, 31)),
        date(2027, 1, 31)
    );
}

#[test]
fn expiry_near_the_end_of_representable_time_saturates_instead_of_panicking() {
    assert_eq!(
        Validity::Years(10).expires_on(NaiveDate::MAX),
        NaiveDate::MAX
    );
}

#[test]
fn validity_names_its_unit_by_key_and_counts_it() {
    assert_eq!(
        (Validity::Years(10).key(), Validity::Years(10).count()),
        ("validity.years", 10)
    );
    assert_eq!(
        (Validity::Months(12).key(), Validity::Months(12).count()),
        ("validity.months", 12)
    );
    assert_catalogue_keys(
        "validity",
        [Validity::Years(1), Validity::Months(1)].map(Validity::key),
    );
}

#[test]
fn the_expiry_reminder_is_six_months_before_and_never_on_a_missing_day() {
    use crate::passport::expiry_reminder_on;
    // A 10-year passport issued on 15 March 2026 expires on 15 March 2036: written to on
    // 15 September 2035.
    let expires = Validity::Years(10).expires_on(date(2026, 3, 15));
    assert_eq!(expiry_reminder_on(expires), date(2035, 9, 15));
    // 31 August less 6 months is the last day of February, leap year or not.
    assert_eq!(expiry_reminder_on(date(2036, 8, 31)), date(2036, 2, 29));
    assert_eq!(expiry_reminder_on(date(2035, 8, 31)), date(2035, 2, 28));
    // A temporary passport (12 months) is reminded of halfway through.
    let temporary = Validity::Months(12).expires_on(date(2026, 12, 7));
    assert_eq!(expiry_reminder_on(temporary), date(2027, 6, 7));
}
