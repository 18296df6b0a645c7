//! The application lifecycle: every cell of the (from, to) table, names and labels.

use crate::catalogue_keys::assert_catalogue_keys;

use super::*;

use ApplicationStatus as A;

/// The allowed moves, written out independently of `transition`.
const ALLOWED: [(ApplicationStatus, ApplicationStatus); 7] = [
    (A::Submitted, A::InProduction),
    (A::Submitted, A::Rejected),
    (A::InProduction, A::Ready),
    (A::InProduction, A::Shipped),
    (A::InProduction, A::Rejected),
    (A::Ready, A::HandedOver),
    (A::Ready, A::Shipped),
];

#[test]
fn every_cell_of_the_transition_table_holds() {
    let mut cells = 0;
    for from in ApplicationStatus::ALL {
        for to in ApplicationStatus::ALL {
            let expected = if ALLOWED.contains(&(from, to)) {
                Ok(to)
            } else {
                Err(IllegalApplicationTransition { from, to })
            };
            assert_eq!(transition(from, to), expected, "{from} -> {to}");
            cells += 1;
        }
    }
    assert_eq!(cells, 36);
}

#[test]
fn staying_in_the_same_status_is_not_a_move() {
    for s in ApplicationStatus::ALL {
        assert!(transition(s, s).is_err(), "{s}");
    }
}

#[test]
fn a_passport_can_be_shipped_from_production_or_from_the_office() {
    assert_eq!(transition(A::InProduction, A::Shipped), Ok(A::Shipped));
    assert_eq!(transition(A::Ready, A::Shipped), Ok(A::Shipped));
    assert!(transition(A::Submitted, A::Shipped).is_err());
}

#[test]
fn an_application_can_be_rejected_only_before_the_passport_is_ready() {
    assert!(transition(A::Submitted, A::Rejected).is_ok());
    assert!(transition(A::InProduction, A::Rejected).is_ok());
    assert!(transition(A::Ready, A::Rejected).is_err());
    assert!(A::Rejected.requires_reason());
    assert_eq!(
        ApplicationStatus::ALL
            .iter()
            .filter(|s| s.requires_reason())
            .count(),
        1
    );
}

#[test]
fn handed_over_shipped_and_rejected_are_final_and_take_no_move() {
    let finals: Vec<_> = ApplicationStatus::ALL
        .into_iter()
        .filter(|s| s.is_final())
        .collect();
    assert_eq!(finals, [A::HandedOver, A::Shipped, A::Rejected]);
    for from in finals {
        for to in ApplicationStatus::ALL {
            assert!(transition(from, to).is_err(), "{from} -> {to}");
        }
    }
}

#[test]
fn only_ready_and_shipped_email_the_citizen() {
    let notifying: Vec<_> = ApplicationStatus::ALL
        .into_iter()
        .filter(|s| s.notifies_citizen())
        .collect();
    assert_eq!(notifying, [A::Ready, A::Shipped]);
}

#[test]
fn statuses_round_trip_through_their_names_and_have_labels() {
    let names: Vec<_> = ApplicationStatus::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        names,
        [
            "submitted",
            "in_production",
            "ready",
            "handed_over",
            "shipped",
            "rejected"
        ]
    );
    for s in ApplicationStatus::ALL {
        assert_eq!(s.as_str().parse::<ApplicationStatus>(), Ok(s));
    }
    assert_catalogue_keys(
        "application_status",
        ApplicationStatus::ALL.map(ApplicationStatus::key),
    );
    assert_eq!(A::InProduction.key(), "application_status.in_production");
    let err = "lost".parse::<ApplicationStatus>().unwrap_err();
    assert_eq!(err.to_string(), "unknown application status: \"lost\"");
}

#[test]
fn an_illegal_move_explains_itself() {
    let err = transition(A::HandedOver, A::Ready).unwrap_err();
    assert_eq!(
        err.to_string(),
        "an application that is handed_over cannot become ready"
    );
}
