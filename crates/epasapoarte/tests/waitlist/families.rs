//! Issue 12 point 1 for the waitlist: a family larger than the seats freed in one slot is
//! held seats over consecutive slots of the same opening interval, as a booking would be
//! seated (Alba has 3 counters, the test families 5 persons); taking the hold makes them
//! one booking, lapsing it gives every seat to the next family.

use chrono::Duration;
use serde_json::{Value, json};

use super::support::*;
use crate::on_both_backends;
use crate::support::app::TestApp;

on_both_backends!(
    a_family_larger_than_a_slot_is_held_seats_over_consecutive_slots,
    a_spread_hold_lapses_whole_to_the_next_family,
);

/// Alba's id, a day about a week ahead, and that day's times in order.
async fn alba_day(app: &TestApp) -> (i64, String, Vec<String>) {
    office_day(app, "AB", 1).await
}

async fn free_at(app: &TestApp, office: i64, date: &str, times: &[String]) -> Vec<u16> {
    let mut free = Vec::new();
    for time in times {
        free.push(free_seats(app, office, date, time).await);
    }
    free
}

async fn take(app: &TestApp, to: &str) -> Value {
    let token = token_to(app, "/lista-asteptare/preia/", to).await;
    let taken = app
        .post("/api/v1/waitlist/take", &json!({"token": token}))
        .await;
    assert_eq!(taken.status(), 201);
    taken.json().await.unwrap()
}

async fn a_family_larger_than_a_slot_is_held_seats_over_consecutive_slots(app: TestApp) {
    // Arrange: a family of five waits, then a family of one; a family of five seated over
    // the first two slots ([3, 2]) cancels.
    delay(&app, "3600-3600");
    let (office, date, times) = alba_day(&app).await;
    let first = &times[..2];
    join_and_confirm(
        &app,
        &waitlist_body(office, &date, 5, 900, "five@example.ro"),
    )
    .await;
    app.advance(Duration::minutes(1));
    join_and_confirm(
        &app,
        &waitlist_body(office, &date, 1, 910, "one@example.ro"),
    )
    .await;
    let leaving = book_and_confirm(&app, &booking(office, &date, &times[0], 5, 920)).await;
    assert_eq!(free_at(&app, office, &date, first).await, [0, 1]);
    cancel(&app, &leaving).await;

    // Act: the holds round.
    let report = holds(&app).await;

    // Assert: the family of five, waiting longest, is held all five seats, over the same
    // two slots; nobody else sees them, the family of one gets nothing.
    assert_eq!(report.holds_offered, 1);
    assert_eq!(free_at(&app, office, &date, first).await, [0, 1]);
    assert_eq!(public_free(&app, office, &date, &times[0]).await, 0);
    let mails = app.deliver().await;
    assert!(
        !mails
            .iter()
            .any(|m| m.to.contains("one@example.ro") && m.text.contains("/lista-asteptare/preia/"))
    );
    let taken = take(&app, "five@example.ro").await;
    assert_eq!(taken["status"], "confirmed");
    assert_eq!(
        free_at(&app, office, &date, first).await,
        [0, 1],
        "the booking holds the seats the hold held"
    );

    // The hold's booking is a real spread booking: its cancel frees both slots, the family
    // of one is held one seat of the first, the rest is released after the delay.
    let cancel_link = token_to(&app, "/programare/anuleaza/", "five@example.ro").await;
    cancel(&app, &cancel_link).await;
    assert_eq!(holds(&app).await.holds_offered, 1);
    take(&app, "one@example.ro").await;
    app.advance(Duration::minutes(61));
    assert_eq!(holds(&app).await.released, 2, "one row per slot");
    assert_eq!(free_at(&app, office, &date, first).await, [2, 3]);
}

async fn a_spread_hold_lapses_whole_to_the_next_family(app: TestApp) {
    delay(&app, "3600-3600");
    let (office, date, times) = alba_day(&app).await;
    let first = &times[..2];
    for (i, email) in ["a@example.ro", "b@example.ro"].into_iter().enumerate() {
        let cnp = 940 + 10 * u32::try_from(i).unwrap();
        join_and_confirm(&app, &waitlist_body(office, &date, 5, cnp, email)).await;
        app.advance(Duration::minutes(1));
    }
    let leaving = book_and_confirm(&app, &booking(office, &date, &times[0], 5, 960)).await;
    cancel(&app, &leaving).await;
    assert_eq!(holds(&app).await.holds_offered, 1);

    app.advance(Duration::hours(12) + Duration::minutes(1));
    let report = holds(&app).await;

    assert_eq!(report.holds_lapsed, 1);
    assert_eq!(report.holds_offered, 1, "all five seats to the next family");
    assert_eq!(report.released, 0);
    let taken = take(&app, "b@example.ro").await;
    assert_eq!(taken["status"], "confirmed");
    assert_eq!(free_at(&app, office, &date, first).await, [0, 1]);
}
