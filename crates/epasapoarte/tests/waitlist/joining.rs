//! Joining: confirmed by e-mail, lapsing unconfirmed, one entry per CNP, bad input named, leaving on booking.

use chrono::Duration;
use serde_json::{Value, json};

use super::support::*;
use crate::on_both_backends;
use crate::support::app::{TestApp, cnp};

on_both_backends!(
    a_family_joins_confirms_and_an_unconfirmed_entry_lapses,
    a_cnp_on_another_active_entry_answers_409,
    bad_waitlist_input_names_the_fields,
    a_family_that_books_leaves_the_waitlist,
);

async fn a_family_joins_confirms_and_an_unconfirmed_entry_lapses(app: TestApp) {
    let (office, date, _) = office_and_slot(&app, 2).await;
    let created = join(
        &app,
        &waitlist_body(office, &date, 2, 10, "maria@example.ro"),
    )
    .await;
    assert_eq!(created["status"], "pending");
    let token = token_to(&app, "/lista-asteptare/confirma/", "maria@example.ro").await;
    for _ in 0..2 {
        let confirmed = app
            .post("/api/v1/waitlist/confirm", &json!({"token": token}))
            .await;
        assert_eq!(confirmed.status(), 200, "confirming twice is harmless");
        assert_eq!(
            confirmed.json::<Value>().await.unwrap()["status"],
            "waiting"
        );
    }
    let mails = app.deliver().await;
    assert!(
        mails.iter().any(|m| m.to.contains("maria@example.ro")
            && m.subject.contains("lista de așteptare")
            && !m.text.contains(&cnp(10))),
        "the waiting e-mail, without the CNP"
    );

    // Another family never confirms: its entry lapses and its CNP is free again.
    join(&app, &waitlist_body(office, &date, 1, 20, "ion@example.ro")).await;
    let late = token_to(&app, "/lista-asteptare/confirma/", "ion@example.ro").await;
    app.advance(Duration::minutes(31));
    assert_eq!(holds(&app).await.waitlist_lapsed, 1);
    let refused = app
        .post("/api/v1/waitlist/confirm", &json!({"token": late}))
        .await;
    assert_eq!(refused.status(), 410);
    join(&app, &waitlist_body(office, &date, 1, 20, "ion@example.ro")).await;

    let unknown = app
        .post("/api/v1/waitlist/confirm", &json!({"token": "nu-exista"}))
        .await;
    assert_eq!(unknown.status(), 404);
}

async fn a_cnp_on_another_active_entry_answers_409(app: TestApp) {
    let (office, date, _) = office_and_slot(&app, 1).await;
    join(&app, &waitlist_body(office, &date, 1, 30, "a@example.ro")).await;
    // The same CNP as a companion in another family's entry.
    let mut other = waitlist_body(office, &date, 2, 31, "b@example.ro");
    other["companions"][0]["cnp"] = json!(cnp(30));
    let refused = app.post("/api/v1/waitlist", &other).await;
    assert_eq!(refused.status(), 409);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "cnp_already_waiting", "{body}");
}

async fn bad_waitlist_input_names_the_fields(app: TestApp) {
    let (office, date, _) = office_and_slot(&app, 1).await;
    let mut body = waitlist_body(office, &date, 1, 40, "c@example.ro");
    body["office_ids"] = json!([office, office, office, office]);
    body["date_from"] = json!("2020-01-01");
    body["date_to"] = json!("mâine");
    body["persons"] = json!(3);
    let refused = app.post("/api/v1/waitlist", &body).await;
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.unwrap();
    let text = body.to_string();
    for field in ["office_ids", "date_from", "date_to", "persons"] {
        assert!(text.contains(field), "{field} is named: {text}");
    }
}

async fn a_family_that_books_leaves_the_waitlist(app: TestApp) {
    let (office, date, time) = office_and_slot(&app, 1).await;
    join_and_confirm(&app, &waitlist_body(office, &date, 1, 400, "w@example.ro")).await;
    let refused = app
        .post(
            "/api/v1/waitlist",
            &waitlist_body(office, &date, 1, 400, "w@example.ro"),
        )
        .await;
    assert_eq!(refused.status(), 409);
    book_and_confirm(&app, &booking(office, &date, &time, 1, 400)).await;
    // Its entry has ended: the CNP is free to join again.
    join(&app, &waitlist_body(office, &date, 1, 400, "w@example.ro")).await;
}
