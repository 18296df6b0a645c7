//! Real races: many tokio tasks on a multi-threaded runtime hit one store at once (on
//! SQLite too). Whatever the interleaving, seats are exact and every transition has
//! exactly one winner.

use std::time::Instant;

use chrono::Duration;
use epasapoarte::store::{StoreError, TransitionOutcome};
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::booking::BookingStatus;

use crate::on_both_backends;
use crate::story::{
    Story, booking, message, random_bytes, random_hash, report, shared, t0, together,
};

on_both_backends!(
    backend_first:
    two_hundred_concurrent_bookings_never_overbook_a_slot,
    two_concurrent_confirms_have_exactly_one_winner,
    confirm_racing_expiry_at_the_deadline_has_exactly_one_winner,
    cancel_racing_confirm_always_ends_cancelled_with_seats_released_once,
    fifty_concurrent_bookings_sharing_one_cnp_let_exactly_one_through,
);

async fn two_hundred_concurrent_bookings_never_overbook_a_slot(db: TestDatabase) {
    let story = Story::new(db).await;
    let started = Instant::now();
    for capacity in 4..=6_u16 {
        let slot = story.slot(u32::from(capacity), capacity).await;
        let email = random_bytes();
        let bookings: Vec<_> = (0..200)
            .map(|i| booking(&slot).persons(1 + i % 3).email_hash(&email).build())
            .collect();
        let depth_before = story.depth().await;

        let results = together(shared(&story), bookings.len(), |store, i| {
            let new = bookings[i].clone();
            async move { store.create_booking(&new).await }
        })
        .await;

        let mut seated = 0;
        let mut won = 0;
        for (new, result) in bookings.iter().zip(&results) {
            match result {
                Ok(()) => {
                    seated += new.persons.len();
                    won += 1;
                }
                Err(StoreError::SlotFull) => {}
                Err(other) => panic!("unexpected error: {other:?}"),
            }
        }
        let taken = usize::from(story.seats(&slot).await.taken);
        assert_eq!(taken, seated, "capacity {capacity}");
        assert!(
            taken <= usize::from(capacity),
            "overbooked: {taken} > {capacity}"
        );
        assert!(won >= 1);
        let active = story.store.active_bookings_by_email(&email).await.unwrap();
        assert_eq!(active.len(), won, "one stored booking per success");
        assert_eq!(
            story.depth().await - depth_before,
            won as u64,
            "one e-mail per success"
        );
    }
    report(&story, "3 x 200 concurrent bookings on one slot", started);
}

async fn two_concurrent_confirms_have_exactly_one_winner(db: TestDatabase) {
    const ROUNDS: u32 = 25;
    let story = Story::new(db).await;
    let started = Instant::now();
    for round in 0..ROUNDS {
        let slot = story.slot(round, 2).await;
        let new = booking(&slot).persons(2).build();
        story.store.create_booking(&new).await.unwrap();
        let tokens = [random_hash(), random_hash()];
        let now = t0() + Duration::minutes(10);

        let outcomes = together(shared(&story), 2, |store, i| {
            let (id, token) = (new.id.clone(), tokens[i].clone());
            async move {
                store
                    .confirm_booking(&id, now, &token, &message("confirmed"))
                    .await
                    .unwrap()
            }
        })
        .await;

        let winners: Vec<usize> = (0..2)
            .filter(|&i| outcomes[i] == TransitionOutcome::Done)
            .collect();
        assert_eq!(winners.len(), 1, "round {round}: {outcomes:?}");
        let loser = 1 - winners[0];
        assert_eq!(
            outcomes[loser],
            TransitionOutcome::Unchanged(BookingStatus::Confirmed)
        );
        let cancel = epasapoarte::store::TokenPurpose::Cancel;
        let by_loser = story
            .store
            .booking_by_token(cancel, &tokens[loser])
            .await
            .unwrap();
        assert!(by_loser.is_none(), "the loser stored no cancel token");
        assert_eq!(story.seats(&slot).await.taken, 2);
    }
    assert_eq!(story.depth().await, u64::from(2 * ROUNDS));
    report(&story, "25 rounds of two concurrent confirms", started);
}

async fn confirm_racing_expiry_at_the_deadline_has_exactly_one_winner(db: TestDatabase) {
    const ROUNDS: u32 = 40;
    let story = Story::new(db).await;
    let started = Instant::now();
    let (mut confirms_won, mut expiries_won) = (0, 0);
    for round in 0..ROUNDS {
        let slot = story.slot(round, 3).await;
        let created = t0() + Duration::hours(i64::from(round));
        let new = booking(&slot).persons(2).created_at(created).build();
        story.store.create_booking(&new).await.unwrap();
        story.mail_out().await;
        let deadline = new.expires_at;
        // Odd rounds confirm a millisecond before the deadline (either side may win);
        // even rounds at the deadline itself (both sides try to expire it).
        let confirm_at = if round % 2 == 1 {
            deadline - Duration::milliseconds(1)
        } else {
            deadline
        };

        // The two start together behind a barrier; which is spawned first alternates.
        let swap = (round / 2) % 2 == 1;
        let results = together(shared(&story), 2, |store, i| {
            let id = new.id.clone();
            async move {
                if (i == 0) != swap {
                    let outcome = store
                        .confirm_booking(&id, confirm_at, &random_hash(), &message("c"))
                        .await;
                    (Some(outcome.unwrap()), None)
                } else {
                    (None, Some(store.expire_due(deadline, 100).await.unwrap()))
                }
            }
        })
        .await;
        let confirm = results.iter().find_map(|r| r.0).unwrap();
        let expired = results.iter().find_map(|r| r.1).unwrap();

        let status = story.status(&new.confirm_token_hash).await;
        let taken = story.seats(&slot).await.taken;
        if confirm == TransitionOutcome::Done {
            confirms_won += 1;
            assert_eq!(expired, 0, "round {round}: confirmed and expired");
            assert_eq!((status, taken), (BookingStatus::Confirmed, 2));
        } else {
            expiries_won += 1;
            assert!(expired <= 1, "round {round}: expired {expired} times");
            assert_eq!(
                confirm,
                TransitionOutcome::Unchanged(BookingStatus::Expired)
            );
            assert_eq!(
                (status, taken),
                (BookingStatus::Expired, 0),
                "round {round}"
            );
        }
    }
    eprintln!(
        "[{}] confirm vs expiry: confirm won {confirms_won}, expiry won {expiries_won}",
        story.db.backend.as_str()
    );
    report(&story, "40 rounds of confirm vs expire_due", started);
}

async fn cancel_racing_confirm_always_ends_cancelled_with_seats_released_once(db: TestDatabase) {
    const ROUNDS: u32 = 25;
    let story = Story::new(db).await;
    let started = Instant::now();
    for round in 0..ROUNDS {
        let slot = story.slot(round, 2).await;
        let new = booking(&slot).persons(2).build();
        story.store.create_booking(&new).await.unwrap();
        let depth_before = story.depth().await;
        let now = t0() + Duration::minutes(5);

        let swap = round % 2 == 1;
        let results = together(shared(&story), 2, |store, i| {
            let id = new.id.clone();
            async move {
                if (i == 0) != swap {
                    let (token, mail) = (random_hash(), message("c"));
                    let outcome = store.confirm_booking(&id, now, &token, &mail).await;
                    (Some(outcome.unwrap()), None)
                } else {
                    let mail = message("x");
                    let outcome = store.cancel_booking(&id, now, "citizen", &mail).await;
                    (None, Some(outcome.unwrap()))
                }
            }
        })
        .await;
        let confirm = results.iter().find_map(|r| r.0).unwrap();
        let cancel = results.iter().find_map(|r| r.1).unwrap();

        assert_eq!(cancel, TransitionOutcome::Done, "round {round}");
        let confirmed = match confirm {
            TransitionOutcome::Done => 1,
            TransitionOutcome::Unchanged(BookingStatus::Cancelled) => 0,
            other => panic!("round {round}: confirm saw {other:?}"),
        };
        assert_eq!(
            story.status(&new.confirm_token_hash).await,
            BookingStatus::Cancelled
        );
        assert_eq!(story.seats(&slot).await.taken, 0, "round {round}");
        assert_eq!(story.depth().await - depth_before, 1 + confirmed);
        // The CNPs are free again.
        let hashes: Vec<Vec<u8>> = new.persons.iter().map(|p| p.cnp_hash.clone()).collect();
        story
            .store
            .create_booking(&booking(&slot).cnps(&hashes).build())
            .await
            .unwrap();
        assert_eq!(story.seats(&slot).await.taken, 2);
    }
    report(&story, "25 rounds of cancel vs confirm", started);
}

async fn fifty_concurrent_bookings_sharing_one_cnp_let_exactly_one_through(db: TestDatabase) {
    let story = Story::new(db).await;
    let mut slots = Vec::new();
    for n in 0..50 {
        slots.push(story.slot(n, 2).await);
    }
    let cnp = random_bytes();
    let bookings: Vec<_> = slots
        .iter()
        .map(|slot| booking(slot).cnps(&[random_bytes(), cnp.clone()]).build())
        .collect();
    let started = Instant::now();

    let results = together(shared(&story), bookings.len(), |store, i| {
        let new = bookings[i].clone();
        async move { store.create_booking(&new).await }
    })
    .await;

    report(&story, "50 concurrent bookings sharing a CNP", started);
    let won = results.iter().filter(|result| result.is_ok()).count();
    assert_eq!(won, 1, "{results:?}");
    for result in &results {
        assert!(
            matches!(result, Ok(()) | Err(StoreError::CnpAlreadyBooked)),
            "{result:?}"
        );
    }
    let mut taken = 0;
    for slot in &slots {
        taken += story.seats(slot).await.taken;
    }
    assert_eq!(taken, 2);
    assert_eq!(story.depth().await, 1);
}
