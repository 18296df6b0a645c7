//! Fee, validity and fingerprints by age band, checked at every age and at each step.

use crate::passport::{Bani, PassportType, Validity, fee, fingerprints_taken, validity};

use PassportType::{Electronic, Temporary};

/// An independent statement of SPEC §5.3–5.4 by age band, to check the functions against.
/// (age range, electronic fee in lei, electronic validity in years, fingerprints)
const ELECTRONIC_BANDS: [(std::ops::RangeInclusive<u32>, u32, u8, bool); 3] = [
    (0..=11, 234, 3, false),
    (12..=17, 258, 5, true),
    (18..=u32::MAX, 258, 10, true),
];

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
