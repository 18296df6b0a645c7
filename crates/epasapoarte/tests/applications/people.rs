//! Who is registered: a CNP under restriction is refused (until the restriction is
//! lifted or over), a booked person is prefilled from a confirmed booking (and only that
//! person), and the clerk finds applications again by number or by CNP.

use epasapoarte::ids::OfficeId;
use epasapoarte::service::ServiceError;
use epasapoarte::service::applications::RestrictionRequest;

use super::helpers::{adult, office, staff, walk_in};
use super::service::field_codes;
use crate::api::support::TestApp;
use crate::on_both_backends;

on_both_backends!(
    a_cnp_under_restriction_is_refused_with_the_legal_basis_until_lifted,
    a_booked_person_is_prefilled_from_the_confirmed_booking,
    the_clerk_finds_applications_by_number_and_by_cnp,
);

async fn a_cnp_under_restriction_is_refused_with_the_legal_basis_until_lifted(app: TestApp) {
    let cluj = office(&app, "CJ").await;
    let service = &app.state.service;
    let today = service.today_in_romania();
    let id = service
        .add_restriction(
            &RestrictionRequest {
                cnp: adult(40),
                legal_basis: "Legea nr. 248/2005, art. 38 lit. a".into(),
                starts_on: String::new(),
                ends_on: (today + chrono::Days::new(30)).to_string(),
            },
            &staff("admin"),
        )
        .await
        .unwrap();

    let refused = service
        .register_application(&walk_in(cluj, &adult(40), "258"), &staff("clerk"))
        .await;
    service.lift_restriction(id, &staff("admin")).await.unwrap();
    let after_lifting = service
        .register_application(&walk_in(cluj, &adult(40), "258"), &staff("clerk"))
        .await;

    match refused {
        Err(ServiceError::Restricted(refusal)) => {
            assert_eq!(refusal.restriction_id, id);
            assert_eq!(refusal.legal_basis, "Legea nr. 248/2005, art. 38 lit. a");
            assert_eq!(refusal.cnp_last4, adult(40)[9..]);
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let registered = after_lifting.unwrap();
    assert_eq!(
        registered.number.serial(),
        1,
        "the refused registration drew no number"
    );
    let registry = service.restrictions().await.unwrap();
    assert_eq!(
        (registry[0].cnp.as_str(), registry[0].in_force),
        (adult(40).as_str(), false)
    );
}

async fn a_booked_person_is_prefilled_from_the_confirmed_booking(app: TestApp) {
    let service = &app.state.service;
    let body = app.booking_body(2, 500).await;
    let created: serde_json::Value = app.book(&body).await.json().await.unwrap();
    let booking_id = created["id"].as_str().unwrap().to_owned();
    let office_id = OfficeId(body["office_id"].as_i64().unwrap());
    let request = epasapoarte::service::applications::ApplicationRequest {
        office_id,
        booking_id: Some(booking_id.clone()),
        person: Some(2),
        passport_type: "passport_electronic".into(),
        receipt_number: "GH-7781".into(),
        receipt_amount: "258".into(),
        ..Default::default()
    };

    let pending = service
        .register_application(&request, &staff("clerk"))
        .await;
    let token = app.token_from_last_mail("confirma").await;
    let confirmed = app
        .post(
            "/api/v1/bookings/confirm",
            &serde_json::json!({"token": token}),
        )
        .await;
    assert_eq!(confirmed.status(), 200);
    let mut stranger = request.clone();
    stranger.cnp = crate::api::support::cnp(900);
    let wrong_person = service
        .register_application(&stranger, &staff("clerk"))
        .await;
    let registered = service
        .register_application(&request, &staff("clerk"))
        .await
        .unwrap();
    let twice = service
        .register_application(&request, &staff("clerk"))
        .await;

    assert_eq!(
        field_codes(pending.unwrap_err()),
        [("booking_id".into(), "application.booking_not_active")]
    );
    assert_eq!(
        field_codes(wrong_person.unwrap_err()),
        [("cnp".into(), "application.cnp_not_in_booking")]
    );
    assert!(
        matches!(twice, Err(ServiceError::AlreadyRegistered)),
        "{twice:?}"
    );
    let view = service
        .application(&registered.number)
        .await
        .unwrap()
        .unwrap();
    let companion = &body["companions"][0];
    assert_eq!(view.first_name, companion["first_name"].as_str().unwrap());
    assert_eq!(view.cnp, companion["cnp"].as_str().unwrap());
    assert_eq!(
        view.email.as_deref(),
        Some("ana.popescu@example.ro"),
        "the booking's address"
    );
    assert_eq!(view.booking, Some((booking_id, 2)));
}

async fn the_clerk_finds_applications_by_number_and_by_cnp(app: TestApp) {
    let cluj = office(&app, "CJ").await;
    let service = &app.state.service;
    let first = service
        .register_application(&walk_in(cluj, &adult(50), "258"), &staff("clerk"))
        .await
        .unwrap();
    let mut temporary = walk_in(cluj, &adult(50), "96");
    temporary.passport_type = "passport_temporary".into();
    let second = service
        .register_application(&temporary, &staff("clerk"))
        .await
        .unwrap();

    let by_number = service
        .search_applications(&first.number.to_string().to_lowercase())
        .await
        .unwrap();
    let by_cnp = service.search_applications(&adult(50)).await.unwrap();
    let nothing = service.search_applications("Popescu").await.unwrap();

    assert_eq!(
        by_number.iter().map(|a| a.number).collect::<Vec<_>>(),
        [first.number]
    );
    assert_eq!(
        by_cnp.iter().map(|a| a.number).collect::<Vec<_>>(),
        [second.number, first.number]
    );
    assert!(nothing.is_empty());
}
