//! The journey's state and order without a server: the sealed cookie opens only when it
//! is ours and whole, and a step counts as answered only while it fits the office.

use chrono::{NaiveDate, NaiveTime};

use super::flow::{Step, first_incomplete};
use super::state::{Applicant, Companion, Journey};
use crate::crypto::Crypto;
use crate::ids::OfficeId;
use crate::store::OfficeRecord;
use crate::testing::test_secret_key;

fn cluj_office() -> OfficeRecord {
    let office = crate::seed::offices()
        .into_iter()
        .find(|o| o.county_code == "CJ")
        .unwrap_or_else(|| panic!("the seed has an office in Cluj"));
    OfficeRecord {
        id: OfficeId(7),
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

fn complete_for_two() -> Journey {
    Journey {
        county: Some("CJ".into()),
        office_id: Some(OfficeId(7)),
        service: Some("passport_electronic".into()),
        persons: Some(2),
        date: NaiveDate::from_ymd_opt(2026, 12, 3),
        time: NaiveTime::from_hms_opt(9, 30, 0),
        applicant: Some(Applicant {
            last_name: "Popescu".into(),
            first_name: "Ana".into(),
            cnp: "1850101123456".into(),
            email: "ana@example.ro".into(),
            phone: String::new(),
        }),
        companions: vec![Companion {
            last_name: "Popescu".into(),
            first_name: "Ion".into(),
            cnp: "5150101123451".into(),
        }],
        ..Journey::default()
    }
}

#[test]
fn a_sealed_journey_opens_to_the_same_answers() {
    let crypto = Crypto::new(&test_secret_key());
    let journey = complete_for_two();

    let opened = Journey::open(&crypto, &journey.seal(&crypto));

    assert_eq!(opened, Some(journey));
}

#[test]
fn a_tampered_or_foreign_cookie_does_not_open() {
    let crypto = Crypto::new(&test_secret_key());
    let sealed = complete_for_two().seal(&crypto);
    let mut tampered = sealed.clone().into_bytes();
    let middle = tampered.len() / 2;
    tampered[middle] = if tampered[middle] == b'A' { b'B' } else { b'A' };

    assert_eq!(
        Journey::open(&crypto, &String::from_utf8_lossy(&tampered)),
        None
    );
    assert_eq!(Journey::open(&crypto, "not base64 at all!"), None);
    assert_eq!(Journey::open(&crypto, ""), None);
}

#[test]
fn the_sealed_cookie_does_not_show_the_cnp() {
    let crypto = Crypto::new(&test_secret_key());

    let sealed = complete_for_two().seal(&crypto);

    assert!(!sealed.contains("1850101123456"));
    assert!(!format!("{:?}", complete_for_two()).contains("Popescu"));
}

#[test]
fn a_complete_journey_is_ready_for_the_check_page() {
    assert_eq!(
        first_incomplete(&complete_for_two(), Some(&cluj_office())),
        Step::Check
    );
}

#[test]
fn an_office_of_another_county_sends_back_to_the_office_step() {
    let mut journey = complete_for_two();
    journey.county = Some("AB".into());

    assert_eq!(
        first_incomplete(&journey, Some(&cluj_office())),
        Step::Office
    );
}

#[test]
fn a_missing_companion_sends_to_the_extra_persons_step() {
    let mut journey = complete_for_two();
    journey.persons = Some(3);

    assert_eq!(
        first_incomplete(&journey, Some(&cluj_office())),
        Step::Companions
    );
}

#[test]
fn an_empty_journey_starts_at_the_county() {
    assert_eq!(first_incomplete(&Journey::default(), None), Step::County);
}

#[test]
fn a_booking_for_one_skips_the_extra_persons_both_ways() {
    assert_eq!(Step::Applicant.following(1), Step::Check);
    assert_eq!(Step::Check.previous(1), Some(Step::Applicant));
    assert_eq!(Step::Applicant.following(2), Step::Companions);
    assert_eq!(Step::Check.previous(2), Some(Step::Companions));
    assert_eq!(Step::County.previous(1), None);
}
