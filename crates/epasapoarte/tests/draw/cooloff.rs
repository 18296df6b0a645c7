//! The no-show cool-off: staff mark a no-show, its CNPs may neither book nor enter a draw
//! (409 `cnp_cooling_off`), the citizen is told until when, and staff may undo the mark
//! the same day only.

use epasapoarte::clock::Clock;
use epasapoarte::ids::BookingId;
use epasapoarte::service::cooloff::UndoOutcome;
use epasapoarte::staff::{Actor, AuditEvent};
use epasapoarte_domain::booking::{BookingEvent, BookingStatus};
use serde_json::{Value, json};

use super::support::{DrawApp, cnp, entry};
use crate::on_both_backends;

on_both_backends!(
    a_no_show_blocks_booking_and_draw_entry_until_undone,
    a_family_with_one_member_cooling_off_is_refused_and_takes_no_seat,
    a_no_show_can_be_undone_only_the_same_day,
);

/// Books and confirms one person with CNP `n` at Cluj's first free slot, then marks the
/// booking a no-show after its start; returns it.
async fn no_show(app: &DrawApp, n: u32) -> BookingId {
    let cluj = app.office_id("CJ").await;
    let (date, time) = app.free_slot(cluj, 1).await;
    let booking = json!({
        "office_id": cluj, "service": "passport_electronic", "date": date, "time": time,
        "applicant": {"last_name": "Pop", "first_name": "Ana", "cnp": cnp(n), "email": "ana@example.ro"},
        "consent": true
    });
    let created: Value = app
        .post("/api/v1/bookings", &booking)
        .await
        .json()
        .await
        .unwrap();
    let id = BookingId(created["id"].as_str().unwrap().to_owned());
    let token = app.token_from_last_mail("confirma").await;
    let confirmed = app
        .post("/api/v1/bookings/confirm", &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    let service = &app.state.service;
    let record = service.store.booking(&id).await.unwrap().unwrap();
    app.clock
        .set(record.starts_at + chrono::Duration::minutes(10));
    let audit = AuditEvent::new(Actor::System, "booking.no_show").target(format!("booking:{id}"));
    service
        .move_booking_by_staff(&id, BookingEvent::MarkNoShow, None, audit)
        .await
        .unwrap();
    id
}

/// A fresh booking body for CNP `n` at Cluj's first free slot.
async fn booking_for(app: &DrawApp, n: u32) -> Value {
    let cluj = app.office_id("CJ").await;
    let (date, time) = app.free_slot(cluj, 1).await;
    json!({
        "office_id": cluj, "service": "passport_electronic", "date": date, "time": time,
        "applicant": {"last_name": "Pop", "first_name": "Ana", "cnp": cnp(n), "email": "ana@example.ro"},
        "consent": true
    })
}

async fn a_no_show_blocks_booking_and_draw_entry_until_undone(app: DrawApp) {
    let id = no_show(&app, 500).await;
    let cluj = app.office_id("CJ").await;

    let booking = app
        .post("/api/v1/bookings", &booking_for(&app, 500).await)
        .await;
    let entered = app.enter(&entry(&[cluj], 1, 500, "any")).await;

    assert_eq!(booking.status(), 409);
    assert_eq!(
        booking.json::<Value>().await.unwrap()["error"]["code"],
        "cnp_cooling_off"
    );
    assert_eq!(entered.status(), 409);
    assert_eq!(
        entered.json::<Value>().await.unwrap()["error"]["code"],
        "cnp_cooling_off"
    );
    let mails = app.deliver().await;
    let notice = mails.last().unwrap();
    assert!(
        notice.subject.contains("neprezentare"),
        "{}",
        notice.subject
    );
    assert!(!notice.text.contains(&cnp(500)));

    let audit =
        AuditEvent::new(Actor::System, "booking.no_show_undone").target(format!("booking:{id}"));
    let undone = app.state.service.undo_no_show(&id, audit).await.unwrap();

    assert_eq!(undone, UndoOutcome::Undone);
    let record = app.state.service.store.booking(&id).await.unwrap().unwrap();
    assert_eq!(
        record.status,
        BookingStatus::Confirmed,
        "restored as it was"
    );
    let again = app
        .post("/api/v1/bookings", &booking_for(&app, 500).await)
        .await;
    assert_eq!(again.status(), 201, "the CNP may book again");
}

/// The taken seats of one slot, read from the database.
async fn taken(app: &DrawApp, office: i64, date: &str, time: &str) -> u16 {
    let now = app.clock.now();
    let slots = app
        .state
        .service
        .store
        .slots(
            epasapoarte::ids::OfficeId(office),
            now - chrono::Duration::days(1),
            now + chrono::Duration::days(120),
        )
        .await
        .unwrap();
    let slot = slots
        .iter()
        .find(|s| s.date.to_string() == date && s.time.format("%H:%M").to_string() == time)
        .expect("the slot");
    slot.taken
}

async fn a_family_with_one_member_cooling_off_is_refused_and_takes_no_seat(app: DrawApp) {
    // Arrange: CNP 700 was a no-show; a family of two brings it as the second person.
    no_show(&app, 700).await;
    let cluj = app.office_id("CJ").await;
    let (date, time) = app.free_slot(cluj, 2).await;
    let before = taken(&app, cluj, &date, &time).await;
    let family = json!({
        "office_id": cluj, "service": "passport_electronic", "date": date, "time": time,
        "applicant": {"last_name": "Pop", "first_name": "Ion", "cnp": cnp(701), "email": "ion@example.ro"},
        "companions": [{"last_name": "Pop", "first_name": "Ana", "cnp": cnp(700)}],
        "consent": true
    });

    // Act
    let refused = app.post("/api/v1/bookings", &family).await;

    // Assert: refused as cooling off (not as a full slot), and no seat moved.
    assert_eq!(refused.status(), 409);
    assert_eq!(
        refused.json::<Value>().await.unwrap()["error"]["code"],
        "cnp_cooling_off"
    );
    assert_eq!(taken(&app, cluj, &date, &time).await, before);
    let alone = app
        .post(
            "/api/v1/bookings",
            &json!({
                "office_id": cluj, "service": "passport_electronic", "date": date, "time": time,
                "applicant": {"last_name": "Pop", "first_name": "Ion", "cnp": cnp(701), "email": "ion@example.ro"},
                "consent": true
            }),
        )
        .await;
    assert_eq!(alone.status(), 201, "the other member books on their own");
    assert_eq!(taken(&app, cluj, &date, &time).await, before + 1);
}

async fn a_no_show_can_be_undone_only_the_same_day(app: DrawApp) {
    let id = no_show(&app, 600).await;
    app.advance(chrono::Duration::days(1));
    let audit = AuditEvent::new(Actor::System, "booking.no_show_undone");

    let undone = app.state.service.undo_no_show(&id, audit).await.unwrap();

    assert_eq!(undone, UndoOutcome::TooLate);
    let record = app.state.service.store.booking(&id).await.unwrap().unwrap();
    assert_eq!(record.status, BookingStatus::NoShow);
}
