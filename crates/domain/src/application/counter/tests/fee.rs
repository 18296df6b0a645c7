//! The fee due at submission and what a receipt must show.

use super::*;
use crate::passport::Bani;
use crate::passport::PassportType::{Electronic, Temporary};

#[test]
fn the_fee_due_follows_the_type_and_the_age_on_the_submission_day() {
    assert_eq!(
        FeeDue::new(Electronic, 12, false).passport,
        Bani::from_lei(258)
    );
    assert_eq!(
        FeeDue::new(Electronic, 11, false).passport,
        Bani::from_lei(234)
    );
    assert_eq!(
        FeeDue::new(Temporary, 40, false).passport,
        Bani::from_lei(96)
    );
    assert_eq!(FeeDue::new(Electronic, 30, true).courier, Some(Bani(1_130)));
    assert_eq!(FeeDue::new(Electronic, 30, true).total(), Bani(26_930));
    assert_eq!(FeeDue::new(Electronic, 30, false).total(), Bani(25_800));
}

#[test]
fn a_receipt_must_show_exactly_the_passport_fee() {
    let due = FeeDue::new(Electronic, 30, false);

    assert_eq!(due.check_receipt(Bani(25_800)), Ok(()));
    for paid in [
        Bani(23_400),
        Bani(25_799),
        Bani(25_801),
        Bani(26_930),
        Bani(0),
    ] {
        assert_eq!(
            due.check_receipt(paid),
            Err(FeeMismatch {
                due: Bani(25_800),
                paid
            }),
            "{paid:?}"
        );
    }
}

#[test]
fn with_a_courier_the_receipt_may_also_cover_the_delivery() {
    let due = FeeDue::new(Electronic, 8, true);

    assert_eq!(
        due.check_receipt(Bani(23_400)),
        Ok(()),
        "courier paid on delivery"
    );
    assert_eq!(
        due.check_receipt(Bani(24_530)),
        Ok(()),
        "both on one receipt"
    );
    assert_eq!(
        due.check_receipt(Bani(1_130)),
        Err(FeeMismatch {
            due: Bani(23_400),
            paid: Bani(1_130)
        })
    );
}

#[test]
fn a_mismatch_names_both_amounts() {
    let error = FeeDue::new(Temporary, 20, false)
        .check_receipt(Bani(25_800))
        .unwrap_err();

    assert_eq!(
        error.to_string(),
        "the receipt shows 25800 bani, but 9600 bani are due"
    );
}
