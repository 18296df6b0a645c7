//! The public dashboard's JSON (`GET /api/v1/stats`, SPEC §8): counts per office, no
//! personal data.

use serde_json::{Value, json};

use super::support::{TestApp, booking_at, cnp};
use crate::on_both_backends;

on_both_backends!(
    stats_count_booked_and_freed_seats_per_office,
    stats_name_no_person
);

/// Books and confirms `persons` persons at the office's first free slot; returns the
/// cancel token.
async fn book_and_confirm(app: &TestApp, office_id: i64, persons: u16, first_cnp: u32) -> String {
    let (date, time) = app.free_slot(office_id, persons).await;
    let body = booking_at(office_id, &date, &time, persons, first_cnp);
    assert_eq!(app.book(&body).await.status(), 201);
    let token = app.token_from_last_mail("confirma").await;
    let confirmed = app
        .post("/api/v1/bookings/confirm", &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    app.token_from_last_mail("anuleaza").await
}

async fn office_stats(app: &TestApp, office_id: i64) -> Value {
    let response = app.get("/api/v1/stats").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["offices"]
        .as_array()
        .expect("offices")
        .iter()
        .find(|office| office["id"] == office_id)
        .cloned()
        .expect("every office is listed")
}

async fn stats_count_booked_and_freed_seats_per_office(app: TestApp) {
    let office_id = app.office_in("CJ").await["id"].as_i64().unwrap();
    let before = office_stats(&app, office_id).await;
    assert_eq!(before["seats_booked"], 0);
    assert_eq!(before["seats_freed"], 0);
    assert!(before["next_free_date"].is_string(), "{before}");
    assert!(before["days_to_next_free"].as_u64().is_some(), "{before}");

    book_and_confirm(&app, office_id, 2, 3000).await;
    let cancel = book_and_confirm(&app, office_id, 1, 3100).await;
    let cancelled = app
        .post("/api/v1/bookings/cancel", &json!({"token": cancel}))
        .await;
    assert_eq!(cancelled.status(), 200);

    let after = office_stats(&app, office_id).await;
    assert_eq!(
        after["seats_booked"], 3,
        "both confirmed bookings count: {after}"
    );
    assert_eq!(
        after["seats_freed"], 1,
        "the cancelled one gave a seat back"
    );
    assert_eq!(after["waitlist"], 0);
    assert_eq!(after["holds_taken"], 0);
}

async fn stats_name_no_person(app: TestApp) {
    let office_id = app.office_in("CJ").await["id"].as_i64().unwrap();
    book_and_confirm(&app, office_id, 1, 3200).await;
    let response = app.get("/api/v1/stats").await;
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=60",
        "cacheable: the figures are the same for everyone"
    );
    let text = response.text().await.unwrap();
    for personal in ["Popescu", "ana.popescu", &cnp(3200), "0721"] {
        assert!(!text.contains(personal), "{personal} leaked into the stats");
    }
}
