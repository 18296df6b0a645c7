//! The staff side of bookings: a booking by id, an office's bookings over a range, and the
//! staff moves — check-in keeps the seats (the slot is being served), no-show and
//! completion return them, a staff cancellation returns them with its reason and e-mail,
//! and a staff move racing the citizen's cancellation has exactly one winner.

use std::sync::Arc;

use chrono::Duration;
use epasapoarte::ids::BookingId;
use epasapoarte::store::{BookingMove, TransitionOutcome};
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::booking::BookingStatus as S;

use crate::on_both_backends;
use crate::story::{Story, booking, message, random_hash, shared, t0, together};

on_both_backends!(
    backend_first:
    a_booking_is_found_by_id_and_an_unknown_id_is_not,
    office_bookings_lists_every_status_in_the_range_by_time,
    check_in_keeps_the_seats_and_completion_returns_them,
    a_no_show_returns_the_seats_and_frees_the_cnps,
    a_staff_cancellation_returns_the_seats_and_queues_its_email,
    a_move_from_a_status_the_booking_has_left_changes_nothing,
    a_staff_cancellation_racing_a_citizen_cancellation_has_one_winner,
);

fn change(id: &BookingId, from: S, to: S) -> BookingMove {
    BookingMove {
        booking_id: id.clone(),
        from,
        to,
        now: t0(),
        reason: None,
        outbox: None,
    }
}

async fn confirmed(
    story: &Story,
    slot_n: u32,
    capacity: u16,
    persons: usize,
) -> (BookingId, epasapoarte::store::SlotSeats) {
    let slot = story.slot(slot_n, capacity).await;
    let new = booking(&slot).persons(persons).build();
    story.store.create_booking(&new).await.unwrap();
    let outcome = story
        .store
        .confirm_booking(&new.id, t0(), &random_hash(), &message("confirmed"))
        .await
        .unwrap();
    assert_eq!(outcome, TransitionOutcome::Done);
    (new.id, slot)
}

async fn a_booking_is_found_by_id_and_an_unknown_id_is_not(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 4).await;
    let new = booking(&slot).persons(2).build();
    story.store.create_booking(&new).await.unwrap();

    let found = story.store.booking(&new.id).await.unwrap().expect("found");
    assert_eq!(found.status, S::Pending);
    assert_eq!(found.persons.len(), 2);
    assert_eq!(found.office_id, story.office);
    assert!(
        story
            .store
            .booking(&BookingId("no-such-booking".into()))
            .await
            .unwrap()
            .is_none()
    );
}

async fn office_bookings_lists_every_status_in_the_range_by_time(db: TestDatabase) {
    let story = Story::new(db).await;
    let later = story.slot(3, 4).await;
    let earlier = story.slot(1, 4).await;
    let outside = story.slot(9, 4).await;
    let a = booking(&later).build();
    let b = booking(&earlier).build();
    let c = booking(&earlier).build();
    let d = booking(&outside).build();
    for new in [&a, &b, &c, &d] {
        story.store.create_booking(new).await.unwrap();
    }
    story
        .store
        .cancel_booking(&c.id, t0(), "citizen", &message("cancelled"))
        .await
        .unwrap();

    let listed = story
        .store
        .office_bookings(story.office, earlier.starts_at, outside.starts_at)
        .await
        .unwrap();
    let ids: Vec<&str> = listed.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        ids.len(),
        3,
        "the cancelled one is listed, the one outside is not"
    );
    assert_eq!(ids[2], a.id.as_str(), "by start time");
    assert!(ids[..2].contains(&b.id.as_str()) && ids[..2].contains(&c.id.as_str()));
    assert_eq!(
        listed.iter().filter(|b| b.status == S::Cancelled).count(),
        1
    );
    let other_office = story.offices[1];
    let none = story
        .store
        .office_bookings(other_office, earlier.starts_at, outside.starts_at)
        .await
        .unwrap();
    assert!(none.is_empty());
}

async fn check_in_keeps_the_seats_and_completion_returns_them(db: TestDatabase) {
    let story = Story::new(db).await;
    let (id, slot) = confirmed(&story, 0, 4, 3).await;

    let outcome = story
        .store
        .move_booking(&change(&id, S::Confirmed, S::CheckedIn), None)
        .await;
    assert_eq!(outcome.unwrap(), TransitionOutcome::Done);
    assert_eq!(
        story.seats(&slot).await.taken,
        3,
        "an early check-in frees no seat"
    );

    let outcome = story
        .store
        .move_booking(&change(&id, S::CheckedIn, S::Completed), None)
        .await;
    assert_eq!(outcome.unwrap(), TransitionOutcome::Done);
    assert_eq!(story.seats(&slot).await.taken, 0);
    let stored = story.store.booking(&id).await.unwrap().unwrap();
    assert_eq!(stored.status, S::Completed);
}

async fn a_no_show_returns_the_seats_and_frees_the_cnps(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 4).await;
    let first = booking(&slot).persons(2).build();
    story.store.create_booking(&first).await.unwrap();
    story
        .store
        .confirm_booking(&first.id, t0(), &random_hash(), &message("confirmed"))
        .await
        .unwrap();

    let outcome = story
        .store
        .move_booking(&change(&first.id, S::Confirmed, S::NoShow), None)
        .await;
    assert_eq!(outcome.unwrap(), TransitionOutcome::Done);
    assert_eq!(story.seats(&slot).await.taken, 0);
    // The same persons may book again.
    let hashes: Vec<Vec<u8>> = first.persons.iter().map(|p| p.cnp_hash.clone()).collect();
    let again = booking(&story.slot(1, 4).await).cnps(&hashes).build();
    story.store.create_booking(&again).await.unwrap();
}

async fn a_staff_cancellation_returns_the_seats_and_queues_its_email(db: TestDatabase) {
    let story = Story::new(db).await;
    let (id, slot) = confirmed(&story, 0, 4, 2).await;
    let depth = story.depth().await;

    let mut cancel = change(&id, S::Confirmed, S::Cancelled);
    cancel.reason = Some("missing_documents".into());
    cancel.outbox = Some(message("cancelled"));
    let outcome = story.store.move_booking(&cancel, None).await.unwrap();

    assert_eq!(outcome, TransitionOutcome::Done);
    assert_eq!(story.seats(&slot).await.taken, 0);
    assert_eq!(story.depth().await, depth + 1);
    assert_eq!(
        story.store.booking(&id).await.unwrap().unwrap().status,
        S::Cancelled
    );
}

async fn a_move_from_a_status_the_booking_has_left_changes_nothing(db: TestDatabase) {
    let story = Story::new(db).await;
    let (id, slot) = confirmed(&story, 0, 4, 1).await;
    let depth = story.depth().await;

    let mut stale = change(&id, S::Pending, S::Cancelled);
    stale.outbox = Some(message("cancelled"));
    let outcome = story.store.move_booking(&stale, None).await.unwrap();

    assert_eq!(outcome, TransitionOutcome::Unchanged(S::Confirmed));
    assert_eq!(story.seats(&slot).await.taken, 1);
    assert_eq!(
        story.depth().await,
        depth,
        "no e-mail for a move that did not happen"
    );
    let unknown = story
        .store
        .move_booking(
            &change(&BookingId("nope".into()), S::Confirmed, S::NoShow),
            None,
        )
        .await;
    assert!(matches!(
        unknown,
        Err(epasapoarte::store::StoreError::NotFound)
    ));
}

async fn a_staff_cancellation_racing_a_citizen_cancellation_has_one_winner(db: TestDatabase) {
    let story = Story::new(db).await;
    for round in 0..20 {
        let (id, slot) = confirmed(&story, round, 3, 3).await;
        let id = Arc::new(id);
        let results = together(shared(&story), 2, {
            let id = Arc::clone(&id);
            move |store, i| {
                let id = Arc::clone(&id);
                async move {
                    if i == 0 {
                        let mut cancel = change(&id, S::Confirmed, S::Cancelled);
                        cancel.reason = Some("name_mismatch".into());
                        cancel.outbox = Some(message("cancelled"));
                        store.move_booking(&cancel, None).await.unwrap()
                    } else {
                        store
                            .cancel_booking(
                                &id,
                                t0() + Duration::seconds(1),
                                "citizen",
                                &message("cancelled"),
                            )
                            .await
                            .unwrap()
                    }
                }
            }
        })
        .await;
        let winners = results
            .iter()
            .filter(|r| **r == TransitionOutcome::Done)
            .count();
        assert_eq!(winners, 1, "round {round}: {results:?}");
        assert_eq!(story.seats(&slot).await.taken, 0, "round {round}");
    }
}
