//! Entering the draw: validation naming the fields, one entry per CNP, no entry for a CNP
//! holding a booking, confirmation by the e-mailed token, and lapsing when unconfirmed.

use serde_json::{Value, json};

use super::support::{DrawApp, cnp, entry};
use crate::on_both_backends;

on_both_backends!(
    an_entry_names_each_bad_field,
    an_entry_is_pending_for_the_open_draw_and_a_cnp_enters_once,
    a_cnp_holding_a_booking_cannot_enter,
    an_entry_is_confirmed_by_its_token_and_lapses_if_not,
    draw_entries_are_refused_while_draws_are_off,
);

async fn an_entry_names_each_bad_field(app: DrawApp) {
    let cluj = app.office_id("CJ").await;
    let mut body = entry(&[cluj, cluj], 1, 1, "evening");
    body["applicant"]["cnp"] = json!("123");

    let response = app.enter(&body).await;

    assert_eq!(response.status(), 422);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "validation");
    let fields = &error["error"]["fields"];
    for field in ["office_ids", "part_of_day", "applicant.cnp"] {
        assert!(fields[field].is_string(), "{field} named in {error}");
    }
    let none = app.enter(&entry(&[], 1, 1, "any")).await;
    assert_eq!(none.status(), 422);
    let four = app
        .enter(&entry(&[cluj, cluj + 1, cluj + 2, cluj + 3], 1, 1, "any"))
        .await;
    assert_eq!(four.status(), 422);
}

async fn an_entry_is_pending_for_the_open_draw_and_a_cnp_enters_once(app: DrawApp) {
    let cluj = app.office_id("CJ").await;
    let (draw_date, _) = app.open_draw().await;

    let response = app.enter(&entry(&[cluj], 2, 10, "any")).await;

    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["status"], "pending");
    assert_eq!(created["draw_date"], draw_date.to_string());
    assert_eq!(created["id"].as_str().unwrap().len(), 32);
    // The companion's CNP, now as an applicant of another family.
    let again = app.enter(&entry(&[cluj], 1, 11, "morning")).await;
    assert_eq!(again.status(), 409);
    let error: Value = again.json().await.unwrap();
    assert_eq!(error["error"]["code"], "cnp_already_entered");
    let mails = app.deliver().await;
    assert_eq!(mails.len(), 1, "one confirm e-mail");
    assert!(!mails[0].text.contains(&cnp(10)), "no CNP in the e-mail");
}

async fn a_cnp_holding_a_booking_cannot_enter(app: DrawApp) {
    let cluj = app.office_id("CJ").await;
    let (date, time) = app.free_slot(cluj, 1).await;
    let booking = json!({
        "office_id": cluj, "service": "passport_electronic", "date": date, "time": time,
        "applicant": {"last_name": "Pop", "first_name": "Ana", "cnp": cnp(20), "email": "ana@example.ro"},
        "consent": true
    });
    assert_eq!(app.post("/api/v1/bookings", &booking).await.status(), 201);

    let response = app.enter(&entry(&[cluj], 1, 20, "any")).await;

    assert_eq!(response.status(), 409);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "cnp_already_booked");
}

async fn an_entry_is_confirmed_by_its_token_and_lapses_if_not(app: DrawApp) {
    let cluj = app.office_id("CJ").await;
    app.enter_confirmed(&entry(&[cluj], 1, 30, "any")).await;
    let token = app.draw_token().await;
    let twice = app
        .post("/api/v1/draw/entries/confirm", &json!({"token": token}))
        .await;
    assert_eq!(twice.status(), 200, "confirming twice is harmless");
    assert_eq!(twice.json::<Value>().await.unwrap()["status"], "confirmed");

    assert_eq!(app.enter(&entry(&[cluj], 1, 31, "any")).await.status(), 201);
    let late_token = app.draw_token().await;
    app.advance(chrono::Duration::minutes(31));
    app.expire().await;

    let late = app
        .post(
            "/api/v1/draw/entries/confirm",
            &json!({"token": late_token}),
        )
        .await;
    assert_eq!(late.status(), 410, "a lapsed entry cannot be confirmed");
    assert_eq!(
        app.enter(&entry(&[cluj], 1, 31, "any")).await.status(),
        201,
        "a lapsed entry frees its CNPs"
    );
    let unknown = app
        .post("/api/v1/draw/entries/confirm", &json!({"token": "nope"}))
        .await;
    assert_eq!(unknown.status(), 404);
}

async fn draw_entries_are_refused_while_draws_are_off(app: crate::support::app::TestApp) {
    let cluj = app.office_in("CJ").await["id"].as_i64().unwrap();

    let response = app
        .post("/api/v1/draw/entries", &entry(&[cluj], 1, 40, "any"))
        .await;

    assert_eq!(response.status(), 404);
    let overview: Value = app.get("/api/v1/draw").await.json().await.unwrap();
    assert!(overview["draw_date"].is_null());
}
