//! The passport types' service ids and catalogue keys.

use crate::catalogue_keys::assert_catalogue_keys;
use crate::passport::PassportType;

use PassportType::{Electronic, Temporary};

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
