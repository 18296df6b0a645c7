//! The cancel reasons: names, keys, who may pick which, which need words.

use crate::booking::CancelReason;
use crate::catalogue_keys::assert_catalogue_keys;

#[test]
fn cancel_reasons_round_trip_and_staff_cannot_pick_the_citizens_own() {
    for r in CancelReason::ALL {
        assert_eq!(r.as_str().parse::<CancelReason>(), Ok(r));
    }
    assert_catalogue_keys("cancel_reason", CancelReason::ALL.map(CancelReason::key));
    assert!(!CancelReason::STAFF.contains(&CancelReason::Citizen));
    assert!(!CancelReason::STAFF.contains(&CancelReason::NotReconfirmed));
    assert_eq!(CancelReason::STAFF.len() + 2, CancelReason::ALL.len());
    assert_eq!(
        CancelReason::MissingDocuments.key(),
        "cancel_reason.missing_documents"
    );
    assert!("no_show".parse::<CancelReason>().is_err());
}

#[test]
fn only_other_needs_an_explanation_in_words() {
    let needing: Vec<CancelReason> = CancelReason::ALL
        .into_iter()
        .filter(|r| r.needs_explanation())
        .collect();
    assert_eq!(needing, [CancelReason::Other]);
    assert!(CancelReason::STAFF.contains(&CancelReason::Other));
}
