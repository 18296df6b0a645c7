//! Which statuses notify the citizen, their names and labels, and the refusal's text.

use crate::application::{ApplicationStatus, transition};
use crate::catalogue_keys::assert_catalogue_keys;

use ApplicationStatus as A;

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
