//! Holds: the longest-waiting family gets the freed seats, takes them by its link or loses them to the next family; concurrent workers offer each seat once.

use chrono::Duration;
use epasapoarte::jobs;
use serde_json::{Value, json};

use super::support::*;
use crate::on_both_backends;
use crate::support::app::TestApp;

on_both_backends!(
    a_hold_goes_to_the_longest_waiting_family_and_is_taken_by_its_link,
    an_untaken_hold_lapses_and_goes_to_the_next_family,
    concurrent_workers_offer_each_freed_seat_once,
    the_wait_counts_from_joining_not_from_the_click_on_the_link,
    a_held_family_that_books_elsewhere_passes_its_hold_to_the_next_family,
);

/// A family holding seats that books (and confirms) another time leaves the waitlist in
/// the confirmation's own transaction: its hold is void at once and the next family is
/// offered the seats on the next round.
async fn a_held_family_that_books_elsewhere_passes_its_hold_to_the_next_family(app: TestApp) {
    // Arrange: two families waiting, a freed seat held for the first.
    delay(&app, "3600-3600");
    let (office, date, time) = office_and_slot(&app, 1).await;
    join_and_confirm(
        &app,
        &waitlist_body(office, &date, 1, 300, "held@example.ro"),
    )
    .await;
    app.advance(Duration::minutes(1));
    join_and_confirm(
        &app,
        &waitlist_body(office, &date, 1, 310, "next@example.ro"),
    )
    .await;
    let cancel_token = book_and_confirm(&app, &booking(office, &date, &time, 1, 320)).await;
    cancel(&app, &cancel_token).await;
    assert_eq!(holds(&app).await.holds_offered, 1);
    let take = token_to(&app, "/lista-asteptare/preia/", "held@example.ro").await;

    // Act: the held family books a seat of its own through the public form.
    book_and_confirm(&app, &booking(office, &date, &time, 1, 300)).await;

    // Assert: its hold is gone, the next family gets the seat, the first may join again.
    let refused = app
        .post("/api/v1/waitlist/take", &json!({"token": take}))
        .await;
    assert_ne!(refused.status(), 201, "a void hold cannot be taken");
    assert!(refused.status().is_client_error());
    assert_eq!(
        holds(&app).await.holds_offered,
        1,
        "offered to the next family"
    );
    token_to(&app, "/lista-asteptare/preia/", "next@example.ro").await;
    join(
        &app,
        &waitlist_body(office, &date, 1, 300, "held@example.ro"),
    )
    .await;
}

/// A family that joined first but confirmed twenty minutes after a later one still comes
/// first: a script's instant click buys no place in the line.
async fn the_wait_counts_from_joining_not_from_the_click_on_the_link(app: TestApp) {
    // Arrange
    delay(&app, "3600-3600");
    let (office, date, time) = office_and_slot(&app, 1).await;
    join(
        &app,
        &waitlist_body(office, &date, 1, 700, "slow@example.ro"),
    )
    .await;
    app.advance(Duration::minutes(1));
    join_and_confirm(
        &app,
        &waitlist_body(office, &date, 1, 710, "fast@example.ro"),
    )
    .await;
    app.advance(Duration::minutes(20));
    let token = token_to(&app, "/lista-asteptare/confirma/", "slow@example.ro").await;
    let confirmed = app
        .post("/api/v1/waitlist/confirm", &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    let cancel_token = book_and_confirm(&app, &booking(office, &date, &time, 1, 720)).await;
    cancel(&app, &cancel_token).await;

    // Act
    let report = holds(&app).await;

    // Assert
    assert_eq!(report.holds_offered, 1);
    let offers: Vec<String> = app
        .deliver()
        .await
        .iter()
        .filter(|m| m.text.contains("/lista-asteptare/preia/"))
        .map(|m| m.to.clone())
        .collect();
    assert_eq!(offers.len(), 1, "{offers:?}");
    assert!(offers[0].contains("slow@example.ro"), "{offers:?}");
}

async fn a_hold_goes_to_the_longest_waiting_family_and_is_taken_by_its_link(app: TestApp) {
    delay(&app, "3600-3600");
    let (office, date, time) = office_and_slot(&app, 2).await;
    let first = join_and_confirm(
        &app,
        &waitlist_body(office, &date, 2, 100, "first@example.ro"),
    )
    .await;
    app.advance(Duration::minutes(1));
    join_and_confirm(
        &app,
        &waitlist_body(office, &date, 2, 110, "second@example.ro"),
    )
    .await;
    // A family of three does not fit two freed seats.
    let cancel_token = book_and_confirm(&app, &booking(office, &date, &time, 2, 120)).await;
    let before = free_seats(&app, office, &date, &time).await;
    cancel(&app, &cancel_token).await;

    let report = holds(&app).await;
    assert_eq!(report.holds_offered, 1);
    assert_eq!(report.released, 0);
    let take = token_to(&app, "/lista-asteptare/preia/", "first@example.ro").await;
    assert_eq!(
        free_seats(&app, office, &date, &time).await,
        before,
        "held seats are invisible to everyone else"
    );
    assert_eq!(
        public_free(&app, office, &date, &time).await,
        u64::from(before)
    );
    assert!(
        !app.deliver()
            .await
            .iter()
            .any(|m| m.to.contains("second@example.ro")
                && m.text.contains("/lista-asteptare/preia/")),
        "only the longest-waiting family is offered the seats"
    );
    // The page shows the offer and changes nothing.
    let (status, page) = app.page(&format!("/lista-asteptare/preia/{take}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("<form"), "one button");
    // After its release time the held seats still are not released.
    app.advance(Duration::minutes(61));
    assert_eq!(holds(&app).await.released, 0);

    let taken = app
        .post("/api/v1/waitlist/take", &json!({"token": take}))
        .await;
    assert_eq!(taken.status(), 201);
    let taken: Value = taken.json().await.unwrap();
    assert_eq!(taken["status"], "confirmed");
    assert!(taken["id"].is_string());
    assert_eq!(free_seats(&app, office, &date, &time).await, before);
    let mails = app.deliver().await;
    assert!(
        mails
            .iter()
            .any(|m| m.to.contains("first@example.ro") && m.ics.is_some()),
        "the usual confirmation e-mail"
    );
    let again = app
        .post("/api/v1/waitlist/take", &json!({"token": take}))
        .await;
    assert_eq!(again.status(), 409);
    assert_eq!(
        again.json::<Value>().await.unwrap()["error"]["code"],
        "hold_taken"
    );
    // The family has left the waitlist: its CNPs may join again.
    join(
        &app,
        &waitlist_body(office, &date, 1, 100, "first@example.ro"),
    )
    .await;
    let _ = first;
    // And the booking is a real one: its cancel link works.
    let cancel_link = token_to(&app, "/programare/anuleaza/", "first@example.ro").await;
    cancel(&app, &cancel_link).await;
}

async fn an_untaken_hold_lapses_and_goes_to_the_next_family(app: TestApp) {
    delay(&app, "3600-3600");
    let (office, date, time) = office_and_slot(&app, 1).await;
    join_and_confirm(
        &app,
        &waitlist_body(office, &date, 1, 200, "first@example.ro"),
    )
    .await;
    app.advance(Duration::minutes(1));
    join_and_confirm(
        &app,
        &waitlist_body(office, &date, 1, 210, "second@example.ro"),
    )
    .await;
    let cancel_token = book_and_confirm(&app, &booking(office, &date, &time, 1, 220)).await;
    cancel(&app, &cancel_token).await;
    assert_eq!(holds(&app).await.holds_offered, 1);
    let first = token_to(&app, "/lista-asteptare/preia/", "first@example.ro").await;

    // The slot is days away: the hold lasts 12 h (or 3 h within 3 days).
    app.advance(Duration::hours(12) + Duration::minutes(1));
    let report = holds(&app).await;
    assert_eq!(report.holds_lapsed, 1);
    assert_eq!(report.holds_offered, 1, "the next family");
    let late = app
        .post("/api/v1/waitlist/take", &json!({"token": first}))
        .await;
    assert_eq!(late.status(), 410);
    assert_eq!(
        late.json::<Value>().await.unwrap()["error"]["code"],
        "hold_expired"
    );
    let mails = app.deliver().await;
    assert!(
        mails
            .iter()
            .any(|m| m.to.contains("first@example.ro") && m.subject.contains("expirat"))
    );
    let second = token_to(&app, "/lista-asteptare/preia/", "second@example.ro").await;
    let taken = app
        .post("/api/v1/waitlist/take", &json!({"token": second}))
        .await;
    assert_eq!(taken.status(), 201);

    // The first family is still waiting but is never offered that slot again: a second
    // freed seat there goes back to the public.
    let other = book_and_confirm(&app, &booking(office, &date, &time, 1, 230)).await;
    cancel(&app, &other).await;
    assert_eq!(holds(&app).await.holds_offered, 0);

    // The public dashboard counts them.
    let stats: Value = app.get("/api/v1/stats").await.json().await.unwrap();
    let row = stats["offices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == office)
        .unwrap_or_else(|| panic!("{stats}"))
        .clone();
    assert_eq!(row["holds_taken"], 1, "{row}");
    assert_eq!(row["holds_lapsed"], 1, "{row}");
    assert_eq!(row["waitlist"], 1, "the first family still waits: {row}");
}

async fn concurrent_workers_offer_each_freed_seat_once(app: TestApp) {
    delay(&app, "3600-3600");
    let (office, date, time) = office_and_slot(&app, 1).await;
    for i in 0..3u32 {
        let email = format!("f{i}@example.ro");
        join_and_confirm(&app, &waitlist_body(office, &date, 1, 600 + i, &email)).await;
        app.advance(Duration::seconds(1));
    }
    // Two seats freed (two bookings of one), three families waiting.
    let first = book_and_confirm(&app, &booking(office, &date, &time, 1, 610)).await;
    let second = book_and_confirm(&app, &booking(office, &date, &time, 1, 611)).await;
    let before = free_seats(&app, office, &date, &time).await;
    cancel(&app, &first).await;
    cancel(&app, &second).await;
    let workers: Vec<_> = (0..6)
        .map(|_| {
            let service = app.state.service.clone();
            tokio::spawn(async move { jobs::holds_once(&service).await.unwrap().holds_offered })
        })
        .collect();
    let mut offered = 0;
    for worker in workers {
        offered += worker.await.unwrap();
    }
    // However the workers interleave, two holds exist (a loser's work is left to the
    // next step), each to one of the two longest-waiting families.
    offered += holds(&app).await.holds_offered;
    assert_eq!(offered, 2);
    let mails = app.deliver().await;
    let offers: Vec<&str> = mails
        .iter()
        .filter(|m| m.text.contains("/lista-asteptare/preia/"))
        .map(|m| m.to.as_str())
        .collect();
    assert_eq!(offers.len(), 2, "{offers:?}");
    assert!(
        offers.iter().any(|to| to.contains("f0@")) && offers.iter().any(|to| to.contains("f1@"))
    );
    assert_eq!(free_seats(&app, office, &date, &time).await, before);
}
