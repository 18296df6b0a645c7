//! Issue 13 item 1, over a real SMTP conversation (the test relay on 127.0.0.1): a relay
//! out of service neither expires the bookings made meanwhile nor costs one connection per
//! message — it is probed every 30 s, and the queue goes out at the first probe it
//! answers; the 30 minutes to confirm start when the request is handed over; a request
//! whose booking is no longer pending is never sent; an address the relay refuses for
//! good does not hold the seats.

use epasapoarte::testing::smtp_sink;

use chrono::Duration;
use epasapoarte::ids::BookingId;
use epasapoarte::mail::Mailer;
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::booking::BookingStatus;
use mail_parser::MessageParser;
use serde_json::{Value, json};
use smtp_sink::SmtpSink;

use super::support::TestApp;
use crate::on_both_backends;

on_both_backends!(
    a_relay_outage_holds_the_booking_and_its_mail_goes_out_when_the_relay_answers,
    a_booking_that_lapsed_before_its_mail_could_go_out_gets_no_confirmation_request,
    an_address_the_relay_refuses_for_good_does_not_hold_the_seats,
);

async fn app_with_relay(db: TestDatabase, sink: &SmtpSink) -> TestApp {
    let mailer = Mailer::smtp(&sink.url()).expect("an SMTP mailer");
    TestApp::launch(db).mailer(mailer).start().await
}

/// Books one person on a day after today; returns the booking's id.
async fn book(app: &TestApp, first_cnp: u32) -> BookingId {
    let body = app.booking_body_after_today(1, first_cnp).await;
    let response = app.book(&body).await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    BookingId::parse(created["id"].as_str().unwrap()).expect("a booking id")
}

async fn status(app: &TestApp, id: &BookingId) -> BookingStatus {
    let store = &app.state.service.store;
    store.booking(id).await.unwrap().expect("stored").status
}

/// The text part of a message the relay accepted.
fn text_of(data: &[u8]) -> String {
    let message = MessageParser::default().parse(data).expect("a message");
    message.body_text(0).expect("a text part").into_owned()
}

fn confirm_token(text: &str) -> String {
    let marker = "/programare/confirma/";
    let start = text.find(marker).expect("a confirm link") + marker.len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

async fn a_relay_outage_holds_the_booking_and_its_mail_goes_out_when_the_relay_answers(
    db: TestDatabase,
) {
    // Arrange: the relay greets with 421 and hangs up.
    let sink = SmtpSink::start().await;
    sink.unavailable(true);
    let app = app_with_relay(db, &sink).await;
    let id = book(&app, 8100).await;

    // Act 1: the first round finds the relay down; then 40 minutes of rounds every 10 s.
    app.deliver().await;
    let first_round = sink.connections();
    for _ in 0..240 {
        app.advance(Duration::seconds(10));
        app.deliver().await;
    }

    // Assert 1: one probe every 30 s, not one try per round; nothing expired.
    assert!((1..=2).contains(&first_round), "{first_round} connections");
    let probes = sink.connections() - first_round;
    assert_eq!(probes, 80, "40 minutes of outage, a probe every 30 s");
    assert_eq!(app.expire().await, 0, "its request has not gone out");
    assert_eq!(status(&app, &id).await, BookingStatus::Pending);
    assert!(sink.received().is_empty());

    // Act 2: the relay answers again; the next probe finds it.
    sink.unavailable(false);
    app.advance(Duration::seconds(30));
    app.deliver().await;

    // Assert 2: out at once, with 30 minutes from now to confirm.
    let received = sink.received();
    assert_eq!(received.len(), 1, "the waiting request went out");
    let text = text_of(&received[0].data);
    let handed_over = app.now();
    app.advance(Duration::minutes(29));
    assert_eq!(app.expire().await, 0, "29 minutes after it went out");
    let token = confirm_token(&text);
    let confirmed = app
        .post("/api/v1/bookings/confirm", &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    let stored = app.state.service.store.booking(&id).await.unwrap().unwrap();
    assert_eq!(stored.status, BookingStatus::Confirmed);
    // Stored to the millisecond.
    let window = stored.expires_at - handed_over;
    assert!(
        window > Duration::minutes(30) - Duration::milliseconds(1),
        "{window}"
    );
}

async fn a_booking_that_lapsed_before_its_mail_could_go_out_gets_no_confirmation_request(
    db: TestDatabase,
) {
    let sink = SmtpSink::start().await;
    sink.unavailable(true);
    let app = app_with_relay(db, &sink).await;
    let id = book(&app, 8200).await;
    app.deliver().await;

    // A day without a relay: the booking does not hold its seats for ever.
    app.advance(Duration::hours(24) + Duration::minutes(1));
    assert_eq!(app.expire().await, 1);
    assert_eq!(status(&app, &id).await, BookingStatus::Expired);

    sink.unavailable(false);
    app.deliver().await;

    assert!(
        sink.received().is_empty(),
        "no confirm link for an expired booking"
    );
    let depth = app.state.service.store.outbox_depth().await.unwrap();
    assert_eq!(depth.waiting, 0, "the request is closed, not retried");
}

async fn an_address_the_relay_refuses_for_good_does_not_hold_the_seats(db: TestDatabase) {
    let sink = SmtpSink::start().await;
    sink.reject_recipients(true);
    let app = app_with_relay(db, &sink).await;
    let id = book(&app, 8300).await;

    app.deliver().await;
    let depth = app.state.service.store.outbox_depth().await.unwrap();
    assert_eq!(
        (depth.waiting, depth.failing, depth.undeliverable),
        (1, 1, 1)
    );
    app.advance(Duration::minutes(31));

    assert_eq!(app.expire().await, 1, "a refused address holds nothing");
    assert_eq!(status(&app, &id).await, BookingStatus::Expired);
}
