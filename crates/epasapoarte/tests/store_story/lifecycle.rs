//! Creating and finding bookings: seats taken, the outbox written in the same transaction,
//! refusals that write nothing, lookups by token and by e-mail.

use chrono::Duration;
use epasapoarte::ids::BookingId;
use epasapoarte::store::{StoreError, TokenPurpose};
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::booking::BookingStatus;

use crate::on_both_backends;
use crate::story::{Story, booking, message, random_bytes, random_hash, t0};

on_both_backends!(
    backend_first:
    a_booking_for_three_takes_three_seats_and_writes_its_email,
    a_booking_that_does_not_fit_is_refused_and_writes_nothing,
    a_booking_for_a_slot_never_planned_is_refused_and_the_next_one_is_unharmed,
    a_cnp_with_an_active_booking_cannot_book_again_and_nothing_is_written,
    a_booking_naming_one_cnp_twice_is_refused,
    unknown_bookings_and_tokens_are_not_found,
    active_bookings_by_email_lists_only_pending_and_confirmed,
);

async fn a_booking_for_three_takes_three_seats_and_writes_its_email(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 5).await;
    let new = booking(&slot).persons(3).build();

    story.store.create_booking(&new).await.unwrap();

    assert_eq!(story.seats(&slot).await.taken, 3);
    assert_eq!(story.seats(&slot).await.free(), 2);
    assert_eq!(story.depth().await, 1);
    let found = story
        .store
        .booking_by_token(TokenPurpose::Confirm, &new.confirm_token_hash)
        .await
        .unwrap()
        .expect("the confirm token resolves");
    assert_eq!(found.id, new.id);
    assert_eq!(found.status, BookingStatus::Pending);
    assert_eq!((found.date, found.time), (slot.date, slot.time));
    assert_eq!(found.starts_at, slot.starts_at);
    // Persons come back in the order they were entered, whatever their hashes.
    let hashes = |persons: &[epasapoarte::store::SealedPerson]| {
        persons
            .iter()
            .map(|p| p.cnp_hash.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(hashes(&found.persons), hashes(&new.persons));
    assert_eq!(found.persons[2].last_name, new.persons[2].last_name);
    assert_eq!(found.email, new.email);
    // A confirm token is not a cancel token.
    let as_cancel = story
        .store
        .booking_by_token(TokenPurpose::Cancel, &new.confirm_token_hash)
        .await
        .unwrap();
    assert!(as_cancel.is_none());
}

async fn a_booking_that_does_not_fit_is_refused_and_writes_nothing(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 4).await;
    story
        .store
        .create_booking(&booking(&slot).persons(2).build())
        .await
        .unwrap();
    let too_big = booking(&slot).persons(3).build();

    let refused = story.store.create_booking(&too_big).await;

    assert!(matches!(refused, Err(StoreError::SlotFull)), "{refused:?}");
    assert_eq!(story.seats(&slot).await.taken, 2);
    assert_eq!(story.depth().await, 1);
    let by_token = story
        .store
        .booking_by_token(TokenPurpose::Confirm, &too_big.confirm_token_hash)
        .await
        .unwrap();
    assert!(by_token.is_none());
    // Its CNPs were not marked as booked either.
    let retry = booking(&slot)
        .cnps(&[too_big.persons[0].cnp_hash.clone()])
        .build();
    story.store.create_booking(&retry).await.unwrap();
}

async fn a_booking_for_a_slot_never_planned_is_refused_and_the_next_one_is_unharmed(
    db: TestDatabase,
) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 4).await;
    let mut nowhere = slot;
    nowhere.time = chrono::NaiveTime::from_hms_opt(3, 7, 0).unwrap();

    let refused = story.store.create_booking(&booking(&nowhere).build()).await;

    assert!(matches!(refused, Err(StoreError::SlotFull)), "{refused:?}");
    assert_eq!(story.depth().await, 0);
    // A refusal rolls its transaction back: the writer goes on with the next booking, and
    // a string of refusals in a row leaves nothing behind either.
    for _ in 0..3 {
        let again = story.store.create_booking(&booking(&nowhere).build()).await;
        assert!(matches!(again, Err(StoreError::SlotFull)), "{again:?}");
    }
    story
        .store
        .create_booking(&booking(&slot).persons(4).build())
        .await
        .unwrap();
    assert_eq!(story.seats(&slot).await.taken, 4);
    assert_eq!(story.depth().await, 1);
}

async fn a_cnp_with_an_active_booking_cannot_book_again_and_nothing_is_written(db: TestDatabase) {
    let story = Story::new(db).await;
    let (first_slot, other_slot) = (story.slot(0, 5).await, story.slot(1, 5).await);
    let cnp = random_bytes();
    story
        .store
        .create_booking(
            &booking(&first_slot)
                .cnps(std::slice::from_ref(&cnp))
                .build(),
        )
        .await
        .unwrap();
    let again = booking(&other_slot)
        .cnps(&[random_bytes(), cnp.clone()])
        .build();

    let refused = story.store.create_booking(&again).await;

    assert!(
        matches!(refused, Err(StoreError::CnpAlreadyBooked)),
        "{refused:?}"
    );
    assert_eq!(story.seats(&other_slot).await.taken, 0);
    assert_eq!(story.seats(&first_slot).await.taken, 1);
    assert_eq!(story.depth().await, 1);
    let by_token = story
        .store
        .booking_by_token(TokenPurpose::Confirm, &again.confirm_token_hash)
        .await
        .unwrap();
    assert!(by_token.is_none());
    // The other person of the refused booking holds nothing.
    let other_person = booking(&other_slot)
        .cnps(&[again.persons[0].cnp_hash.clone()])
        .build();
    story.store.create_booking(&other_person).await.unwrap();
}

async fn a_booking_naming_one_cnp_twice_is_refused(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 5).await;
    let cnp = random_bytes();

    let refused = story
        .store
        .create_booking(&booking(&slot).cnps(&[cnp.clone(), cnp]).build())
        .await;

    assert!(
        matches!(refused, Err(StoreError::CnpAlreadyBooked)),
        "{refused:?}"
    );
    assert_eq!(story.seats(&slot).await.taken, 0);
    assert_eq!(story.depth().await, 0);
}

async fn unknown_bookings_and_tokens_are_not_found(db: TestDatabase) {
    let story = Story::new(db).await;

    let token = story
        .store
        .booking_by_token(TokenPurpose::Confirm, &random_hash())
        .await
        .unwrap();
    let confirm = story
        .store
        .confirm_booking(
            &BookingId("bk_nope".into()),
            t0(),
            &random_hash(),
            &message("confirmed"),
        )
        .await;
    let cancel = story
        .store
        .cancel_booking(
            &BookingId("bk_nope".into()),
            t0(),
            "citizen",
            &message("cancelled"),
        )
        .await;

    assert!(token.is_none());
    assert!(matches!(confirm, Err(StoreError::NotFound)), "{confirm:?}");
    assert!(matches!(cancel, Err(StoreError::NotFound)), "{cancel:?}");
    assert_eq!(story.depth().await, 0);
}

async fn active_bookings_by_email_lists_only_pending_and_confirmed(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 10).await;
    let email = random_bytes();
    let mut made: Vec<_> = (0..4)
        .map(|i| {
            booking(&slot)
                .email_hash(&email)
                .created_at(t0() + Duration::seconds(i))
                .build()
        })
        .collect();
    // Only this one is due when expire_due runs below.
    made[3].expires_at = t0();
    for new in &made {
        story.store.create_booking(new).await.unwrap();
    }
    story
        .store
        .create_booking(&booking(&slot).build())
        .await
        .unwrap();
    let now = t0() + Duration::minutes(1);
    let store = &story.store;
    store
        .confirm_booking(&made[1].id, now, &random_hash(), &message("c"))
        .await
        .unwrap();
    store
        .cancel_booking(&made[2].id, now, "citizen", &message("x"))
        .await
        .unwrap();
    story.mail_out().await;
    assert_eq!(store.expire_due(t0(), 10).await.unwrap(), 1);

    let active = store.active_bookings_by_email(&email).await.unwrap();

    let ids: Vec<&str> = active.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, [made[0].id.as_str(), made[1].id.as_str()]);
    assert_eq!(active[1].status, BookingStatus::Confirmed);
    store
        .add_tokens_with_message(
            &[(made[0].id.clone(), TokenPurpose::Cancel, random_hash())],
            now,
            &message("lookup"),
        )
        .await
        .unwrap();
    assert_eq!(story.depth().await, 1, "the lookup's (the others went out)");
}
