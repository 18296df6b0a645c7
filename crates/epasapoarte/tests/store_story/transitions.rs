//! Status changes of a stored booking: confirm, cancel and expiry are single-use, give the
//! seats back exactly once, and never bring a closed booking back.

use chrono::Duration;
use epasapoarte::store::{TokenPurpose, TransitionOutcome};
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::booking::BookingStatus;

use crate::on_both_backends;
use crate::story::{Story, booking, message, random_hash, t0};

on_both_backends!(
    backend_first:
    confirming_works_once_and_then_reports_confirmed,
    confirming_after_the_deadline_expires_the_booking_and_frees_its_seats,
    cancelling_frees_the_seats_and_the_cnp,
    cancelling_twice_reports_cancelled_and_releases_once,
    cancelled_and_expired_bookings_are_never_revived_by_confirm,
    expire_due_expires_only_due_pending_bookings_and_each_once,
);

async fn confirming_works_once_and_then_reports_confirmed(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 5).await;
    let new = booking(&slot).persons(2).build();
    story.store.create_booking(&new).await.unwrap();
    let (cancel_token, second_token) = (random_hash(), random_hash());
    let now = t0() + Duration::minutes(5);

    let first = story
        .store
        .confirm_booking(&new.id, now, &cancel_token, &message("confirmed"))
        .await
        .unwrap();
    let second = story
        .store
        .confirm_booking(&new.id, now, &second_token, &message("confirmed"))
        .await
        .unwrap();

    assert_eq!(first, TransitionOutcome::Done);
    assert_eq!(
        second,
        TransitionOutcome::Unchanged(BookingStatus::Confirmed)
    );
    assert_eq!(
        story.status(&new.confirm_token_hash).await,
        BookingStatus::Confirmed
    );
    assert_eq!(story.seats(&slot).await.taken, 2);
    assert_eq!(story.depth().await, 2, "one confirmation e-mail, not two");
    let by_cancel = story
        .store
        .booking_by_token(TokenPurpose::Cancel, &cancel_token)
        .await
        .unwrap();
    assert_eq!(by_cancel.map(|b| b.id), Some(new.id.clone()));
    let by_second = story
        .store
        .booking_by_token(TokenPurpose::Cancel, &second_token)
        .await
        .unwrap();
    assert!(by_second.is_none(), "the losing confirm stored no token");
}

async fn confirming_after_the_deadline_expires_the_booking_and_frees_its_seats(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 5).await;
    let new = booking(&slot).persons(3).build();
    story.store.create_booking(&new).await.unwrap();
    story.mail_out().await;

    let late = story
        .store
        .confirm_booking(
            &new.id,
            new.expires_at,
            &random_hash(),
            &message("confirmed"),
        )
        .await
        .unwrap();

    assert_eq!(late, TransitionOutcome::Unchanged(BookingStatus::Expired));
    assert_eq!(
        story.status(&new.confirm_token_hash).await,
        BookingStatus::Expired
    );
    assert_eq!(story.seats(&slot).await.taken, 0);
    assert_eq!(story.depth().await, 0, "no confirmation e-mail");
    let expired_again = story.store.expire_due(new.expires_at, 100).await.unwrap();
    assert_eq!(expired_again, 0);
    assert_eq!(story.seats(&slot).await.taken, 0);
}

async fn cancelling_frees_the_seats_and_the_cnp(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 3).await;
    let new = booking(&slot).persons(3).build();
    story.store.create_booking(&new).await.unwrap();
    let now = t0() + Duration::minutes(1);
    story
        .store
        .confirm_booking(&new.id, now, &random_hash(), &message("confirmed"))
        .await
        .unwrap();

    let cancelled = story
        .store
        .cancel_booking(&new.id, now, "citizen", &message("cancelled"))
        .await
        .unwrap();

    assert_eq!(cancelled, TransitionOutcome::Done);
    assert_eq!(
        story.status(&new.confirm_token_hash).await,
        BookingStatus::Cancelled
    );
    assert_eq!(story.seats(&slot).await.taken, 0);
    assert_eq!(story.depth().await, 3);
    let hashes: Vec<Vec<u8>> = new.persons.iter().map(|p| p.cnp_hash.clone()).collect();
    let rebooked = booking(&slot).cnps(&hashes).build();
    story.store.create_booking(&rebooked).await.unwrap();
    assert_eq!(story.seats(&slot).await.taken, 3);
}

async fn cancelling_twice_reports_cancelled_and_releases_once(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 5).await;
    let (kept, cancelled) = (booking(&slot).persons(2).build(), booking(&slot).build());
    story.store.create_booking(&kept).await.unwrap();
    story.store.create_booking(&cancelled).await.unwrap();
    let now = t0() + Duration::minutes(1);

    let first = story
        .store
        .cancel_booking(&cancelled.id, now, "citizen", &message("cancelled"))
        .await
        .unwrap();
    let second = story
        .store
        .cancel_booking(&cancelled.id, now, "citizen", &message("cancelled"))
        .await
        .unwrap();

    assert_eq!(first, TransitionOutcome::Done);
    assert_eq!(
        second,
        TransitionOutcome::Unchanged(BookingStatus::Cancelled)
    );
    assert_eq!(
        story.seats(&slot).await.taken,
        2,
        "released once, not twice"
    );
    assert_eq!(story.depth().await, 3, "one cancellation notice");
}

async fn cancelled_and_expired_bookings_are_never_revived_by_confirm(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 5).await;
    let (cancelled, expired) = (booking(&slot).build(), booking(&slot).build());
    story.store.create_booking(&cancelled).await.unwrap();
    story.store.create_booking(&expired).await.unwrap();
    story.mail_out().await;
    let early = t0() + Duration::minutes(1);
    story
        .store
        .cancel_booking(&cancelled.id, early, "citizen", &message("cancelled"))
        .await
        .unwrap();
    assert_eq!(
        story
            .store
            .expire_due(expired.expires_at, 10)
            .await
            .unwrap(),
        1
    );

    let revive_cancelled = story
        .store
        .confirm_booking(&cancelled.id, early, &random_hash(), &message("confirmed"))
        .await
        .unwrap();
    // Even with a clock that says the deadline has not passed yet.
    let revive_expired = story
        .store
        .confirm_booking(&expired.id, early, &random_hash(), &message("confirmed"))
        .await
        .unwrap();

    assert_eq!(
        revive_cancelled,
        TransitionOutcome::Unchanged(BookingStatus::Cancelled)
    );
    assert_eq!(
        revive_expired,
        TransitionOutcome::Unchanged(BookingStatus::Expired)
    );
    assert_eq!(story.seats(&slot).await.taken, 0);
    let cancel_expired = story
        .store
        .cancel_booking(&expired.id, early, "citizen", &message("cancelled"))
        .await
        .unwrap();
    assert_eq!(
        cancel_expired,
        TransitionOutcome::Unchanged(BookingStatus::Expired)
    );
    assert_eq!(story.seats(&slot).await.taken, 0);
}

async fn expire_due_expires_only_due_pending_bookings_and_each_once(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 10).await;
    let deadline = t0() + Duration::minutes(30);
    let due: Vec<_> = (0..3).map(|_| booking(&slot).persons(2).build()).collect();
    let not_yet = booking(&slot)
        .expires_at(deadline + Duration::seconds(1))
        .build();
    let confirmed = booking(&slot).build();
    for new in due.iter().chain([&not_yet, &confirmed]) {
        story.store.create_booking(new).await.unwrap();
    }
    story.mail_out().await;
    story
        .store
        .confirm_booking(&confirmed.id, t0(), &random_hash(), &message("confirmed"))
        .await
        .unwrap();

    // A limit smaller than the due count: the rest wait for the next round.
    let first_round = story.store.expire_due(deadline, 2).await.unwrap();
    let second_round = story.store.expire_due(deadline, 100).await.unwrap();
    let third_round = story.store.expire_due(deadline, 100).await.unwrap();

    assert_eq!((first_round, second_round, third_round), (2, 1, 0));
    for new in &due {
        assert_eq!(
            story.status(&new.confirm_token_hash).await,
            BookingStatus::Expired
        );
    }
    assert_eq!(
        story.status(&not_yet.confirm_token_hash).await,
        BookingStatus::Pending
    );
    assert_eq!(
        story.status(&confirmed.confirm_token_hash).await,
        BookingStatus::Confirmed
    );
    assert_eq!(story.seats(&slot).await.taken, 2);
}
