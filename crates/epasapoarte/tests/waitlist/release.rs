//! The random delayed release: a freed seat is not public before its time, is released once under concurrent workers, and never later than 2 hours before the slot.

use chrono::Duration;
use epasapoarte::jobs;

use super::support::*;
use crate::on_both_backends;
use crate::support::app::TestApp;

on_both_backends!(
    a_cancelled_seat_is_not_public_until_its_release,
    freed_seats_are_released_exactly_once_under_concurrent_workers,
    freed_seats_are_never_released_later_than_two_hours_before_the_slot,
);

async fn a_cancelled_seat_is_not_public_until_its_release(app: TestApp) {
    delay(&app, "3600-3600");
    let (office, date, time) = office_and_slot(&app, 1).await;
    let before = free_seats(&app, office, &date, &time).await;
    let cancel_token = book_and_confirm(&app, &booking(office, &date, &time, 1, 50)).await;
    assert_eq!(free_seats(&app, office, &date, &time).await, before - 1);
    cancel(&app, &cancel_token).await;
    assert_eq!(
        free_seats(&app, office, &date, &time).await,
        before - 1,
        "the freed seat stays counted until its release"
    );
    assert_eq!(
        public_free(&app, office, &date, &time).await,
        u64::from(before - 1)
    );
    app.advance(Duration::minutes(59));
    assert_eq!(holds(&app).await.released, 0);
    assert_eq!(free_seats(&app, office, &date, &time).await, before - 1);
    app.advance(Duration::minutes(2));
    assert_eq!(holds(&app).await.released, 1);
    assert_eq!(free_seats(&app, office, &date, &time).await, before);
    assert_eq!(
        public_free(&app, office, &date, &time).await,
        u64::from(before)
    );
    assert_eq!(holds(&app).await.released, 0, "released once");
}

async fn freed_seats_are_released_exactly_once_under_concurrent_workers(app: TestApp) {
    delay(&app, "60-600");
    let (office, date, time) = office_and_slot(&app, 1).await;
    let before = free_seats(&app, office, &date, &time).await;
    let mut tokens = Vec::new();
    for i in 0..before.min(4) {
        tokens.push(
            book_and_confirm(&app, &booking(office, &date, &time, 1, 60 + u32::from(i))).await,
        );
    }
    for token in &tokens {
        cancel(&app, token).await;
    }
    assert_eq!(
        free_seats(&app, office, &date, &time).await,
        before - before.min(4)
    );
    app.advance(Duration::minutes(11));
    let workers: Vec<_> = (0..6)
        .map(|_| {
            let service = app.state.service.clone();
            tokio::spawn(async move { jobs::holds_once(&service).await.unwrap().released })
        })
        .collect();
    let mut released = 0;
    for worker in workers {
        released += worker.await.unwrap();
    }
    assert_eq!(released, u64::from(before.min(4)), "each row released once");
    assert_eq!(free_seats(&app, office, &date, &time).await, before);
}

async fn freed_seats_are_never_released_later_than_two_hours_before_the_slot(app: TestApp) {
    // A delay far longer than the time to the slot.
    delay(&app, "8000000-8000000");
    let (office, date, time) = office_and_slot(&app, 1).await;
    let cancel_token = book_and_confirm(&app, &booking(office, &date, &time, 1, 300)).await;
    cancel(&app, &cancel_token).await;
    let store = &app.state.service.store;
    let free = store.hold_candidates(app.now()).await.unwrap().free;
    assert_eq!(free.len(), 1);
    let row = &free[0];
    assert_eq!(row.release_at, row.starts_at - Duration::hours(2));
    let before = free_seats(&app, office, &date, &time).await;
    app.clock.set(row.release_at);
    assert_eq!(holds(&app).await.released, 1);
    assert_eq!(free_seats(&app, office, &date, &time).await, before + 1);
}
