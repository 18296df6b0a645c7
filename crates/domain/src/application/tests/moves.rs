//! Every cell of the (from, to) table, and the moves it allows or refuses.

use crate::application::{
    ApplicationStatus, Delivery, IllegalApplicationTransition, transition, transition_for,
};
use crate::passport::PassportType;

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

/// The moves allowed for each way the passport travels, written out independently.
fn allowed_for(delivery: Delivery) -> Vec<(ApplicationStatus, ApplicationStatus)> {
    match delivery {
        // Never into `ready`; one that is there already (recorded before the rule)
        // may still leave it.
        Delivery::Courier => vec![
            (A::Submitted, A::InProduction),
            (A::Submitted, A::Rejected),
            (A::InProduction, A::Shipped),
            (A::InProduction, A::Rejected),
            (A::Ready, A::HandedOver),
            (A::Ready, A::Shipped),
        ],
        Delivery::Pickup(PassportType::Electronic) => vec![
            (A::Submitted, A::InProduction),
            (A::Submitted, A::Rejected),
            (A::InProduction, A::Ready),
            (A::InProduction, A::Rejected),
            (A::Ready, A::HandedOver),
            (A::Ready, A::Shipped),
        ],
        Delivery::Pickup(PassportType::Temporary) => vec![
            (A::Submitted, A::InProduction),
            (A::Submitted, A::Rejected),
            (A::InProduction, A::Ready),
            (A::InProduction, A::Rejected),
            (A::Ready, A::HandedOver),
        ],
    }
}

#[test]
fn every_cell_of_the_table_holds_for_each_delivery() {
    let deliveries = [
        Delivery::Courier,
        Delivery::Pickup(PassportType::Electronic),
        Delivery::Pickup(PassportType::Temporary),
    ];
    for delivery in deliveries {
        let allowed = allowed_for(delivery);
        for from in ApplicationStatus::ALL {
            for to in ApplicationStatus::ALL {
                let expected = if allowed.contains(&(from, to)) {
                    Ok(to)
                } else {
                    Err(IllegalApplicationTransition { from, to })
                };
                assert_eq!(
                    transition_for(from, to, delivery),
                    expected,
                    "{from} -> {to} ({delivery:?})"
                );
            }
        }
    }
}

#[test]
fn a_courier_passport_is_never_ready_for_pickup_and_a_temporary_one_never_shipped() {
    let courier = Delivery::of(PassportType::Electronic, true);
    assert_eq!(courier, Delivery::Courier);
    assert!(transition_for(A::InProduction, A::Ready, courier).is_err());
    assert_eq!(
        transition_for(A::InProduction, A::Shipped, courier),
        Ok(A::Shipped)
    );
    let temporary = Delivery::of(PassportType::Temporary, false);
    for from in ApplicationStatus::ALL {
        assert!(
            transition_for(from, A::Shipped, temporary).is_err(),
            "{from}"
        );
    }
}
