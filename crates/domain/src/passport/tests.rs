//! Fees, validity, fingerprints, issuance and categories, exhaustively over ages.

use chrono::NaiveDate;

use super::*;
use crate::catalogue_keys::assert_catalogue_keys;

use PassportType::{Electronic, Temporary};

/// An independent statement of SPEC §5.3–5.4 by age band, to check the functions against.
/// (age range, electronic fee in lei, electronic validity in years, fingerprints)
const ELECTRONIC_BANDS: [(std::ops::RangeInclusive<u32>, u32, u8, bool); 3] = [
    (0..=11, 234, 3, false),
    (12..=17, 258, 5, true),
    (18..=u32::MAX, 258, 10, true),
];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date is valid")
}

#[test]
fn every_age_from_0_to_120_gets_the_electronic_fee_validity_and_fingerprints_of_its_band() {
    for age in 0..=120 {
        let (_, lei, years, prints) = ELECTRONIC_BANDS
            .iter()
            .find(|(band, ..)| band.contains(&age))
            .expect("bands cover every age")
            .clone();
        assert_eq!(fee(Electronic, age), Bani::from_lei(lei), "fee at {age}");
        assert_eq!(
            validity(Electronic, age),
            Validity::Years(years),
            "validity at {age}"
        );
        assert_eq!(
            fingerprints_taken(Electronic, age),
            prints,
            "fingerprints at {age}"
        );
    }
}

#[test]
fn every_age_from_0_to_120_gets_the_same_temporary_fee_validity_and_no_fingerprints() {
    for age in 0..=120 {
        assert_eq!(fee(Temporary, age), Bani::from_lei(96), "fee at {age}");
        assert_eq!(
            validity(Temporary, age),
            Validity::Months(12),
            "validity at {age}"
        );
        assert!(!fingerprints_taken(Temporary, age), "fingerprints at {age}");
    }
}

#[test]
fn the_full_electronic_fee_starts_on_the_twelfth_birthday() {
    assert_eq!(fee(Electronic, 11), Bani::from_lei(234));
    assert_eq!(fee(Electronic, 12), Bani::from_lei(258));
}

#[test]
fn electronic_validity_steps_at_12_and_at_18() {
    assert_eq!(validity(Electronic, 11), Validity::Years(3));
    assert_eq!(validity(Electronic, 12), Validity::Years(5));
    assert_eq!(validity(Electronic, 17), Validity::Years(5));
    assert_eq!(validity(Electronic, 18), Validity::Years(10));
}

#[test]
fn fingerprints_start_at_12_for_the_electronic_passport_only() {
    assert!(!fingerprints_taken(Electronic, 11));
    assert!(fingerprints_taken(Electronic, 12));
    assert!(!fingerprints_taken(Temporary, 12));
    assert!(!fingerprints_taken(Temporary, 40));
}

#[test]
fn categories_step_at_14_and_18_and_domicile_abroad_wins_at_any_age() {
    assert_eq!(category(0, false), HolderCategory::MinorUnder14);
    assert_eq!(category(13, false), HolderCategory::MinorUnder14);
    assert_eq!(category(14, false), HolderCategory::Minor14To17);
    assert_eq!(category(17, false), HolderCategory::Minor14To17);
    assert_eq!(category(18, false), HolderCategory::Adult);
    assert_eq!(category(u32::MAX, false), HolderCategory::Adult);
    for age in [0, 13, 14, 17, 18, 120] {
        assert_eq!(
            category(age, true),
            HolderCategory::DomicileAbroad,
            "age {age}"
        );
    }
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
fn electronic_issuance_takes_5_working_days_and_up_to_10_when_busy() {
    let i = issuance(Electronic);
    assert_eq!(
        (
            i.working_days,
            i.busy_period_working_days,
            i.urgent_working_days
        ),
        (5, Some(10), None)
    );
    assert_eq!(i.max_working_days(), 10);
}

#[test]
fn temporary_issuance_takes_10_working_days_or_3_when_urgent() {
    let i = issuance(Temporary);
    assert_eq!(
        (
            i.working_days,
            i.busy_period_working_days,
            i.urgent_working_days
        ),
        (10, None, Some(3))
    );
    assert_eq!(i.max_working_days(), 10);
}

#[test]
fn passport_types_round_trip_through_their_service_ids() {
    for p in PassportType::ALL {
        assert_eq!(p.as_str().parse::<PassportType>(), Ok(p));
        assert_eq!(p.to_string(), p.as_str());
    }
    assert_eq!(Electronic.as_str(), "passport_electronic");
    assert_eq!(Temporary.as_str(), "passport_temporary");
}

#[test]
fn an_unknown_service_id_is_rejected_with_its_name() {
    let err = "passport_diplomatic".parse::<PassportType>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown passport type: \"passport_diplomatic\""
    );
    assert!("Passport_Electronic".parse::<PassportType>().is_err());
    assert!("".parse::<PassportType>().is_err());
}

#[test]
fn passport_types_name_their_catalogue_keys() {
    assert_eq!(Electronic.key(), "passport_type.electronic");
    assert_eq!(Temporary.key(), "passport_type.temporary");
    assert_catalogue_keys("passport_type", PassportType::ALL.map(PassportType::key));
}

#[test]
fn holder_categories_round_trip_and_have_catalogue_keys() {
    let names: Vec<_> = HolderCategory::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        names,
        ["adult", "minor_under_14", "minor_14_17", "domicile_abroad"]
    );
    for c in HolderCategory::ALL {
        assert_eq!(c.as_str().parse::<HolderCategory>(), Ok(c));
    }
    assert_catalogue_keys(
        "holder_category",
        HolderCategory::ALL.map(HolderCategory::key),
    );
    assert!("child".parse::<HolderCategory>().is_err());
}

#[test]
fn an_adult_in_romania_gets_the_adult_list_fee_and_ten_years() {
    let r = requirements(Electronic, 30, false);
    assert_eq!(r.category, HolderCategory::Adult);
    assert_eq!(r.fee, Bani::from_lei(258));
    assert_eq!(r.validity, Validity::Years(10));
    assert!(r.fingerprints);
    assert_eq!(r.issuance, issuance(Electronic));
    assert_eq!(r.documents, documents(HolderCategory::Adult, Electronic));
}

#[test]
fn a_child_of_ten_domiciled_abroad_pays_the_child_fee_and_brings_the_minor_abroad_list() {
    let r = requirements(Electronic, 10, true);
    assert_eq!(r.category, HolderCategory::DomicileAbroad);
    assert_eq!(r.fee, Bani::from_lei(234));
    assert_eq!(r.validity, Validity::Years(3));
    assert!(!r.fingerprints);
    assert!(r.documents.contains(&Document::MinorDomicileAbroadProof));
    assert!(
        r.documents
            .contains(&Document::MinorRomanianBirthCertificate)
    );
}
