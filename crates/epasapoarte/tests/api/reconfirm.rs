//! SPEC §8 "Reconfirmation": a booking made more than 7 days ahead is asked, 7 days
//! before, to reconfirm within 48 hours; unanswered, it is cancelled and its seats return.

use chrono::{Duration, NaiveDate};
use epasapoarte::jobs;
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::fair::ReconfirmPolicy;
use serde_json::{Value, json};

use super::support::{TestApp, booking_at, cnp};
use crate::on_both_backends;
use crate::support::app::csrf_in;

on_both_backends!(
    a_far_booking_is_asked_once_and_kept_when_reconfirmed,
    an_unanswered_request_cancels_the_booking_and_frees_its_seats,
    a_booking_made_within_the_week_is_never_asked,
    the_link_shows_the_deadline_and_only_the_button_reconfirms,
    instances_racing_send_one_request,
    reconfirmation_off_asks_nobody,
);

/// A confirmed booking for `persons` on the first free day at least `days` ahead;
/// returns its body (office, date, time).
pub(super) async fn confirmed_booking(
    app: &TestApp,
    days: i64,
    persons: u16,
    first_cnp: u32,
) -> Value {
    let office = app.office_in("CJ").await;
    let office_id = office["id"].as_i64().unwrap();
    let availability: Value = app
        .get(&format!(
            "/api/v1/offices/{office_id}/availability?service=passport_electronic&persons={persons}"
        ))
        .await
        .json()
        .await
        .unwrap();
    let from = (app.now() + Duration::days(days)).date_naive();
    let day = availability["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["date"].as_str().unwrap().parse::<NaiveDate>().unwrap() >= from
                && !d["slots"].as_array().unwrap().is_empty()
        })
        .expect("a free day far enough ahead");
    let body = booking_at(
        office_id,
        day["date"].as_str().unwrap(),
        day["slots"][0]["time"].as_str().unwrap(),
        persons,
        first_cnp,
    );
    assert_eq!(app.book(&body).await.status(), 201);
    let token = app.token_from_last_mail("confirma").await;
    let confirmed = app
        .post("/api/v1/bookings/confirm", &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    body
}

/// The appointment's start, from the body (Bucharest time, as every test office).
pub(super) fn starts_at(body: &Value) -> chrono::DateTime<chrono::Utc> {
    let date: NaiveDate = body["date"].as_str().unwrap().parse().unwrap();
    let time = chrono::NaiveTime::parse_from_str(body["time"].as_str().unwrap(), "%H:%M").unwrap();
    date.and_time(time)
        .and_local_timezone(chrono_tz::Europe::Bucharest)
        .single()
        .unwrap()
        .to_utc()
}

/// Moves the manual clock to `at` (never backwards).
pub(super) fn advance_to(app: &TestApp, at: chrono::DateTime<chrono::Utc>) {
    let by = at - app.now();
    assert!(by > Duration::zero(), "the clock only moves forward");
    app.advance(by);
}

async fn reconfirm_once(app: &TestApp) -> (u64, u64) {
    jobs::reconfirm_once(&app.state.service).await.unwrap()
}

async fn seats_of(app: &TestApp, body: &Value) -> u16 {
    app.free_seats(
        body["office_id"].as_i64().unwrap(),
        body["date"].as_str().unwrap(),
        body["time"].as_str().unwrap(),
    )
    .await
}

async fn a_far_booking_is_asked_once_and_kept_when_reconfirmed(app: TestApp) {
    let body = confirmed_booking(&app, 10, 2, 300).await;
    assert_eq!(reconfirm_once(&app).await, (0, 0), "not yet: 10 days ahead");
    advance_to(
        &app,
        starts_at(&body) - Duration::days(7) + Duration::minutes(1),
    );
    assert_eq!(reconfirm_once(&app).await, (1, 0));
    assert_eq!(reconfirm_once(&app).await, (0, 0), "asked once only");
    let mails = app.deliver().await;
    let request = mails.last().unwrap();
    assert!(
        request.subject.contains("Reconfirmați"),
        "{}",
        request.subject
    );
    assert!(!request.text.contains(&cnp(300)), "no CNP in the e-mail");
    let token = app.token_from_last_mail("reconfirma").await;
    let seats = seats_of(&app, &body).await;

    let answer = app
        .post("/api/v1/bookings/reconfirm", &json!({"token": token}))
        .await;
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.json::<Value>().await.unwrap()["status"], "confirmed");
    let again = app
        .post("/api/v1/bookings/reconfirm", &json!({"token": token}))
        .await;
    assert_eq!(again.status(), 200, "using the link twice is harmless");

    app.advance(Duration::hours(49));
    assert_eq!(
        reconfirm_once(&app).await,
        (0, 0),
        "a reconfirmed booking stays"
    );
    assert_eq!(seats_of(&app, &body).await, seats);
}

async fn an_unanswered_request_cancels_the_booking_and_frees_its_seats(app: TestApp) {
    let body = confirmed_booking(&app, 12, 3, 310).await;
    advance_to(&app, starts_at(&body) - Duration::days(7));
    assert_eq!(reconfirm_once(&app).await, (1, 0));
    let token = app.token_from_last_mail("reconfirma").await;
    let seats = seats_of(&app, &body).await;

    app.advance(Duration::hours(47));
    assert_eq!(reconfirm_once(&app).await, (0, 0), "47 h: still time");
    app.advance(Duration::hours(1));
    assert_eq!(reconfirm_once(&app).await, (0, 1));
    assert_eq!(reconfirm_once(&app).await, (0, 0), "cancelled once");
    assert_eq!(seats_of(&app, &body).await, seats + 3, "the seats returned");
    let mails = app.deliver().await;
    let notice = mails.last().unwrap();
    assert!(notice.subject.contains("anulată"), "{}", notice.subject);
    assert!(
        notice.text.contains("nu a fost reconfirmată"),
        "the notice says why"
    );
    let late = app
        .post("/api/v1/bookings/reconfirm", &json!({"token": token}))
        .await;
    assert_eq!(late.status(), 409);
    assert_eq!(
        late.json::<Value>().await.unwrap()["error"]["code"],
        "cancelled"
    );
    // The CNPs are free to book again.
    let office = body["office_id"].as_i64().unwrap();
    let (date, time) = app.free_slot(office, 1).await;
    assert_eq!(
        app.book(&booking_at(office, &date, &time, 1, 310))
            .await
            .status(),
        201
    );
}

async fn a_booking_made_within_the_week_is_never_asked(app: TestApp) {
    let body = app.booking_body(1, 320).await;
    let start = starts_at(&body);
    assert!(
        start - app.now() < Duration::days(7),
        "the first free slot is near"
    );
    assert_eq!(app.book(&body).await.status(), 201);
    let token = app.token_from_last_mail("confirma").await;
    let confirmed = app
        .post("/api/v1/bookings/confirm", &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    for _ in 0..3 {
        assert_eq!(reconfirm_once(&app).await, (0, 0));
        app.advance(Duration::hours(20));
    }
}

async fn the_link_shows_the_deadline_and_only_the_button_reconfirms(app: TestApp) {
    let body = confirmed_booking(&app, 9, 1, 330).await;
    advance_to(&app, starts_at(&body) - Duration::days(7));
    reconfirm_once(&app).await;
    let token = app.token_from_last_mail("reconfirma").await;
    let path = format!("/programare/reconfirma/{token}");
    let (status, html) = app.page(&path).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("id=\"reconfirm-deadline\""),
        "the deadline is shown"
    );
    assert!(html.contains("id=\"reconfirm\""), "one button");
    let (_, html) = app.page(&path).await;
    assert!(
        html.contains("id=\"reconfirm\""),
        "a GET reconfirmed nothing"
    );

    let csrf = csrf_in(&html).expect("a CSRF field");
    let response = app
        .client
        .post(app.url(&path))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "POST → 303 → the page");
    let html = response.text().await.unwrap();
    assert!(html.contains("id=\"reconfirmed\""), "it says reconfirmed");

    app.advance(Duration::hours(49));
    assert_eq!(reconfirm_once(&app).await, (0, 0));
    let (status, _) = app.page("/programare/reconfirma/not-a-token").await;
    assert_eq!(status, 404);
}

async fn instances_racing_send_one_request(app: TestApp) {
    let body = confirmed_booking(&app, 10, 1, 340).await;
    advance_to(&app, starts_at(&body) - Duration::days(7));
    let service = &app.state.service;
    let (a, b, c) = tokio::join!(
        jobs::reconfirm_once(service),
        jobs::reconfirm_once(service),
        jobs::reconfirm_once(service)
    );
    let asked = a.unwrap().0 + b.unwrap().0 + c.unwrap().0;
    assert_eq!(asked, 1, "one request however many run the job");
    let mails = app.deliver().await;
    let requests = mails
        .iter()
        .filter(|m| m.subject.contains("Reconfirmați"))
        .count();
    assert_eq!(requests, 1);
    app.advance(Duration::hours(48));
    let (a, b) = tokio::join!(jobs::reconfirm_once(service), jobs::reconfirm_once(service));
    assert_eq!(a.unwrap().1 + b.unwrap().1, 1, "one cancellation");
}

async fn reconfirmation_off_asks_nobody(db: TestDatabase) {
    let app = TestApp::launch(db)
        .config(|config| {
            config.fair.reconfirm = ReconfirmPolicy::from_secs(0, 0).unwrap();
        })
        .start()
        .await;
    let body = confirmed_booking(&app, 10, 1, 350).await;
    advance_to(&app, starts_at(&body) - Duration::days(6));
    assert_eq!(reconfirm_once(&app).await, (0, 0));
}
