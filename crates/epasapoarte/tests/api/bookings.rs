//! J2–J4 through the API: book, confirm by the e-mailed link, cancel, expiry.

use serde_json::{Value, json};

use super::support::TestApp;
use crate::on_both_backends;

on_both_backends!(
    a_family_of_two_books_confirms_and_cancels,
    a_booking_for_three_takes_three_seats,
    confirming_twice_is_harmless,
    an_unconfirmed_booking_expires_and_its_seats_return,
    a_cnp_can_hold_only_one_active_booking,
    a_family_that_mistyped_its_email_books_again_and_the_first_booking_goes,
    replacing_is_for_the_whole_family_and_twice_a_day,
    a_full_slot_answers_409_and_writes_nothing,
    the_confirmation_email_lists_fees_and_documents_but_no_cnp,
);

async fn a_family_of_two_books_confirms_and_cancels(app: TestApp) {
    let body = app.booking_body(2, 100).await;
    let response = app.book(&body).await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["status"], "pending");
    assert!(created["expires_at"].is_string());

    let token = app.token_from_last_mail("confirma").await;
    let confirmed = app
        .post("/api/v1/bookings/confirm", &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    assert_eq!(
        confirmed.json::<Value>().await.unwrap()["status"],
        "confirmed"
    );

    let cancel_token = app.token_from_last_mail("anuleaza").await;
    let cancelled = app
        .post("/api/v1/bookings/cancel", &json!({"token": cancel_token}))
        .await;
    assert_eq!(cancelled.status(), 200);
    assert_eq!(
        cancelled.json::<Value>().await.unwrap()["status"],
        "cancelled"
    );
    let office = body["office_id"].as_i64().unwrap();
    let seats = app
        .free_seats(
            office,
            body["date"].as_str().unwrap(),
            body["time"].as_str().unwrap(),
        )
        .await;
    let again = app
        .post("/api/v1/bookings/cancel", &json!({"token": cancel_token}))
        .await;
    assert_eq!(again.status(), 200, "cancelling twice is harmless");
    assert_eq!(
        app.free_seats(
            office,
            body["date"].as_str().unwrap(),
            body["time"].as_str().unwrap()
        )
        .await,
        seats
    );
    let revive = app
        .post("/api/v1/bookings/confirm", &json!({"token": token}))
        .await;
    assert_eq!(
        revive.status(),
        409,
        "a cancelled booking cannot be revived"
    );
    let mails = app.deliver().await;
    assert!(
        mails
            .iter()
            .any(|m| m.subject.to_lowercase().contains("anulat")),
        "a cancellation notice was sent"
    );
}

async fn a_booking_for_three_takes_three_seats(app: TestApp) {
    let body = app.booking_body(3, 200).await;
    let (office, date, time) = (
        body["office_id"].as_i64().unwrap(),
        body["date"].as_str().unwrap(),
        body["time"].as_str().unwrap(),
    );
    let before = app.free_seats(office, date, time).await;
    assert_eq!(app.book(&body).await.status(), 201);
    assert_eq!(app.free_seats(office, date, time).await, before - 3);
}

async fn confirming_twice_is_harmless(app: TestApp) {
    let body = app.booking_body(1, 300).await;
    assert_eq!(app.book(&body).await.status(), 201);
    let token = app.token_from_last_mail("confirma").await;
    for _ in 0..2 {
        let response = app
            .post("/api/v1/bookings/confirm", &json!({"token": token}))
            .await;
        assert_eq!(response.status(), 200);
    }
    let confirmations = app
        .deliver()
        .await
        .into_iter()
        .filter(|m| m.text.contains("/programare/anuleaza/"))
        .count();
    assert_eq!(confirmations, 1, "one confirmation e-mail, not two");
}

async fn an_unconfirmed_booking_expires_and_its_seats_return(app: TestApp) {
    // A slot after today: the clock moves 31 minutes, and a slot later today could pass.
    let body = app.booking_body_after_today(2, 400).await;
    let (office, date, time) = (
        body["office_id"].as_i64().unwrap(),
        body["date"].as_str().unwrap(),
        body["time"].as_str().unwrap(),
    );
    let before = app.free_seats(office, date, time).await;
    assert_eq!(app.book(&body).await.status(), 201);
    let token = app.token_from_last_mail("confirma").await;
    app.clock.advance(chrono::Duration::minutes(29));
    assert_eq!(app.expire().await, 0, "not yet: 30 minutes to confirm");
    app.clock.advance(chrono::Duration::minutes(2));
    assert_eq!(app.expire().await, 1);
    assert_eq!(app.free_seats(office, date, time).await, before);
    let late = app
        .post("/api/v1/bookings/confirm", &json!({"token": token}))
        .await;
    assert_eq!(late.status(), 410);
    assert_eq!(
        late.json::<Value>().await.unwrap()["error"]["code"],
        "expired"
    );
    assert_eq!(
        app.book(&body).await.status(),
        201,
        "the same persons can book again"
    );
}

async fn a_cnp_can_hold_only_one_active_booking(app: TestApp) {
    let first = app.booking_body(1, 500).await;
    assert_eq!(app.book(&first).await.status(), 201);
    let token = app.token_from_last_mail("confirma").await;
    let confirmed = app
        .post("/api/v1/bookings/confirm", &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    let mut second = app.booking_body(1, 500).await;
    second["applicant"]["email"] = json!("alt@example.ro");
    let response = app.book(&second).await;
    assert_eq!(response.status(), 409);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"]["code"],
        "cnp_already_booked"
    );
}

async fn a_full_slot_answers_409_and_writes_nothing(app: TestApp) {
    let body = app.booking_body(1, 600).await;
    let (office, date, time) = (
        body["office_id"].as_i64().unwrap(),
        body["date"].as_str().unwrap().to_owned(),
        body["time"].as_str().unwrap().to_owned(),
    );
    let capacity = app.free_seats(office, &date, &time).await;
    for i in 0..u32::from(capacity) {
        let body = super::support::booking_at(office, &date, &time, 1, 610 + i);
        assert_eq!(app.book(&body).await.status(), 201);
    }
    let depth_before = app
        .state
        .service
        .store
        .outbox_depth()
        .await
        .unwrap()
        .waiting;
    let response = app
        .book(&super::support::booking_at(office, &date, &time, 1, 690))
        .await;
    assert_eq!(response.status(), 409);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"]["code"],
        "slot_full"
    );
    assert_eq!(app.free_seats(office, &date, &time).await, 0);
    assert_eq!(
        app.state
            .service
            .store
            .outbox_depth()
            .await
            .unwrap()
            .waiting,
        depth_before,
        "no e-mail queued"
    );
    assert_eq!(
        app.book(&super::support::booking_at(office, &date, &time, 1, 691))
            .await
            .status(),
        409
    );
}

async fn the_confirmation_email_lists_fees_and_documents_but_no_cnp(app: TestApp) {
    let body = app.booking_body(2, 700).await;
    assert_eq!(app.book(&body).await.status(), 201);
    let token = app.token_from_last_mail("confirma").await;
    assert_eq!(
        app.post("/api/v1/bookings/confirm", &json!({"token": token}))
            .await
            .status(),
        200
    );
    let mails = app.deliver().await;
    let confirmation = mails
        .iter()
        .find(|m| m.text.contains("/programare/anuleaza/"))
        .expect("confirmation sent");
    assert!(
        confirmation.text.contains("258 lei"),
        "the adult electronic passport fee"
    );
    assert!(confirmation.ics.is_some(), "an .ics attachment");
    for mail in &mails {
        for person in
            std::iter::once(&body["applicant"]).chain(body["companions"].as_array().unwrap())
        {
            let cnp = person["cnp"].as_str().unwrap();
            assert!(
                !mail.text.contains(cnp) && !mail.html.contains(cnp),
                "a CNP leaked into an e-mail"
            );
        }
    }
}

/// Issue 12: the confirmation went to a mistyped address, so the family books again with
/// the right one. The unconfirmed booking is replaced in the same transaction: its seats
/// come back (the family may take the very same time), its link stops working.
async fn a_family_that_mistyped_its_email_books_again_and_the_first_booking_goes(app: TestApp) {
    let mut first = app.booking_body(2, 520).await;
    first["applicant"]["email"] = json!("ana.popesu@example.ro");
    let (office, date, time) = (
        first["office_id"].as_i64().unwrap(),
        first["date"].as_str().unwrap().to_owned(),
        first["time"].as_str().unwrap().to_owned(),
    );
    let free = app.free_seats(office, &date, &time).await;
    assert_eq!(app.book(&first).await.status(), 201);
    let old_token = app.token_from_last_mail("confirma").await;
    let corrected = super::support::booking_at(office, &date, &time, 2, 520);

    let again = app.book(&corrected).await;

    assert_eq!(again.status(), 201);
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["status"], "pending");
    assert_eq!(
        app.free_seats(office, &date, &time).await,
        free - 2,
        "the family holds its two seats once, not twice"
    );
    let old_link = app
        .post("/api/v1/bookings/confirm", &json!({"token": old_token}))
        .await;
    assert_eq!(old_link.status(), 404, "the first link stopped working");
    let new_token = app.token_from_last_mail("confirma").await;
    assert_ne!(new_token, old_token);
    let confirmed = app
        .post("/api/v1/bookings/confirm", &json!({"token": new_token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    assert_eq!(confirmed.json::<Value>().await.unwrap()["id"], again["id"]);
    // A confirmed booking is never replaced.
    let third = app.book(&corrected).await;
    assert_eq!(third.status(), 409);
    assert_eq!(
        third.json::<Value>().await.unwrap()["error"]["code"],
        "cnp_already_booked"
    );
}

/// One CNP of a family cannot cancel the family's booking, and replacing twice in a day
/// is the most: a third attempt keeps the second booking.
async fn replacing_is_for_the_whole_family_and_twice_a_day(app: TestApp) {
    let family = app.booking_body(2, 540).await;
    assert_eq!(app.book(&family).await.status(), 201);
    let alone = app.booking_body(1, 540).await;
    let refused = app.book(&alone).await;
    assert_eq!(refused.status(), 409, "one member alone does not replace");
    for attempt in 1..=2 {
        let again = app.booking_body(2, 540).await;
        assert_eq!(
            app.book(&again).await.status(),
            201,
            "replacement {attempt}"
        );
    }
    let kept = app.token_from_last_mail("confirma").await;

    let third = app.book(&app.booking_body(2, 540).await).await;

    assert_eq!(third.status(), 409);
    assert_eq!(
        third.json::<Value>().await.unwrap()["error"]["code"],
        "cnp_already_booked"
    );
    let confirmed = app
        .post("/api/v1/bookings/confirm", &json!({"token": kept}))
        .await;
    assert_eq!(confirmed.status(), 200, "the last replacement stands");
}
