//! Housekeeping: a past appointment stops holding its CNPs, and the retention purge deletes
//! personal data while the anonymous rows (the counts reports need) stay.

use chrono::Duration;
use epasapoarte::store::{StoreError, TokenPurpose};
use epasapoarte::testing::TestDatabase;

use crate::on_both_backends;
use crate::story::{Story, booking, message, random_bytes, random_hash, t0};

on_both_backends!(
    backend_first:
    a_past_appointment_no_longer_blocks_its_cnp,
    the_retention_purge_deletes_personal_data_and_keeps_the_counts,
);

async fn a_past_appointment_no_longer_blocks_its_cnp(db: TestDatabase) {
    let story = Story::new(db).await;
    let (early, later) = (story.slot(0, 3).await, story.slot(40, 3).await);
    let cnp = random_bytes();
    let first = booking(&early).cnps(std::slice::from_ref(&cnp)).build();
    story.store.create_booking(&first).await.unwrap();
    story
        .store
        .confirm_booking(&first.id, t0(), &random_hash(), &message("confirmed"))
        .await
        .unwrap();
    let again = booking(&later).cnps(std::slice::from_ref(&cnp)).build();
    assert!(matches!(
        story.store.create_booking(&again).await,
        Err(StoreError::CnpAlreadyBooked)
    ));

    // Before the appointment: nothing to release.
    assert_eq!(
        story
            .store
            .release_past_holds(early.starts_at)
            .await
            .unwrap(),
        0
    );
    // After it: the CNP is free to book again, and the slot's seats are untouched.
    assert_eq!(
        story
            .store
            .release_past_holds(early.starts_at + Duration::minutes(1))
            .await
            .unwrap(),
        1
    );
    story.store.create_booking(&again).await.unwrap();
    assert_eq!(story.seats(&early).await.taken, 1);
}

async fn the_retention_purge_deletes_personal_data_and_keeps_the_counts(db: TestDatabase) {
    let story = Story::new(db).await;
    let (old, recent) = (story.slot(0, 4).await, story.slot(64, 4).await);
    let email = random_bytes();
    let purged = booking(&old).persons(2).email_hash(&email).build();
    let kept = booking(&recent).persons(1).email_hash(&email).build();
    story.store.create_booking(&purged).await.unwrap();
    story.store.create_booking(&kept).await.unwrap();

    let count = story
        .store
        .purge_personal_data(old.starts_at + Duration::hours(1), t0())
        .await
        .unwrap();

    assert_eq!(count, 1);
    assert!(
        story
            .store
            .booking_by_token(TokenPurpose::Confirm, &purged.confirm_token_hash)
            .await
            .unwrap()
            .is_none(),
        "tokens deleted"
    );
    let found = story
        .store
        .booking_by_token(TokenPurpose::Confirm, &kept.confirm_token_hash)
        .await
        .unwrap()
        .expect("kept");
    assert_eq!(
        found.persons.len(),
        1,
        "the recent booking keeps its persons"
    );
    let by_email = story.store.active_bookings_by_email(&email).await.unwrap();
    assert_eq!(
        by_email.iter().map(|b| b.id.as_str()).collect::<Vec<_>>(),
        [kept.id.as_str()],
        "the purged e-mail hash is gone"
    );
    assert_eq!(
        story.seats(&old).await.taken,
        2,
        "the anonymous count stays"
    );
    assert_eq!(
        story
            .store
            .purge_personal_data(old.starts_at + Duration::hours(1), t0())
            .await
            .unwrap(),
        0,
        "purging twice is a no-op"
    );
}
