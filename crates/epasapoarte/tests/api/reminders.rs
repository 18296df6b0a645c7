//! Issue 12: a reminder e-mail two days before the appointment, with the documents, the
//! fees and a cancel link that works — once per booking, and only for bookings made
//! earlier than that.

use chrono::Duration;
use epasapoarte::jobs;
use serde_json::json;

use super::reconfirm::{advance_to, confirmed_booking, starts_at};
use super::support::TestApp;
use crate::on_both_backends;

on_both_backends!(
    a_booking_made_days_ahead_is_reminded_once_two_days_before,
    a_booking_made_for_tomorrow_gets_no_reminder,
);

async fn reminders(app: &TestApp) -> u64 {
    jobs::reminders_once(&app.state.service).await.unwrap()
}

async fn a_booking_made_days_ahead_is_reminded_once_two_days_before(app: TestApp) {
    // Arrange
    let body = confirmed_booking(&app, 4, 2, 3100).await;
    let at = starts_at(&body);
    let before = app.deliver().await.len();

    // Act
    advance_to(&app, at - Duration::days(2) - Duration::minutes(1));
    let early = reminders(&app).await;
    app.advance(Duration::minutes(2));
    let due = reminders(&app).await;
    let again = reminders(&app).await;

    // Assert
    assert_eq!((early, due, again), (0, 1, 0));
    let mails = app.deliver().await;
    assert_eq!(mails.len(), before + 1);
    let reminder = mails.last().unwrap();
    assert!(
        reminder
            .subject
            .starts_with("Vă reamintim: programarea pentru pașaport din "),
        "{}",
        reminder.subject
    );
    assert!(reminder.text.contains("Vă reamintim că aveți programare"));
    assert!(reminder.text.contains("258 lei"), "the fees");
    let token = app.token_from_last_mail("anuleaza").await;
    let cancelled = app
        .post("/api/v1/bookings/cancel", &json!({"token": token}))
        .await;
    assert_eq!(cancelled.status(), 200, "the reminder's cancel link works");
}

async fn a_booking_made_for_tomorrow_gets_no_reminder(app: TestApp) {
    let body = confirmed_booking(&app, 1, 1, 3200).await;
    let at = starts_at(&body);
    if at - app.now() > Duration::days(2) {
        // The first free day was further off (a weekend): nothing to show here.
        return;
    }
    advance_to(&app, at - Duration::hours(1));
    assert_eq!(reminders(&app).await, 0);
}
