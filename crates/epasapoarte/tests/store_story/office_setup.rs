//! Re-planning an office's future slots (SPEC §3 office setup): a slot the new schedule
//! drops keeps exactly the seats it holds and offers none, a slot cut below its bookings
//! is a conflict until a seat returns or a booking is kept, seats coming back by any path
//! (citizen, counter, expiry) shrink such a slot towards its schedule (the trigger of
//! migration 0006), the planning job never undoes a re-plan — and `taken <= capacity`
//! after every step.

use chrono::{Duration, NaiveTime, Weekday};
use epasapoarte::ids::BookingId;
use epasapoarte::store::{
    BookingMove, PlannedSlot, Replan, SlotSeats, StoreError, TransitionOutcome,
};
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::booking::BookingStatus as S;
use epasapoarte_domain::schedule::{OpeningInterval, TimeInterval};

use crate::on_both_backends;
use crate::story::{Story, booking, message, nth_slot, random_hash, t0};

on_both_backends!(
    backend_first:
    a_dropped_slot_keeps_its_booked_seats_offers_none_and_shrinks_to_zero_when_freed,
    a_slot_cut_from_three_counters_to_one_with_two_taken_conflicts_until_a_seat_returns,
    keeping_one_of_two_bookings_of_a_cut_slot_ends_the_conflict,
    the_planning_job_does_not_undo_a_replan_and_a_later_replan_may_restore_seats,
);

/// A confirmed booking of `persons` in `slot`; its id.
async fn confirmed(story: &Story, slot: &SlotSeats, persons: usize) -> BookingId {
    let new = booking(slot).persons(persons).build();
    story.store.create_booking(&new).await.unwrap();
    let outcome = story
        .store
        .confirm_booking(&new.id, t0(), &random_hash(), &message("confirmed"))
        .await
        .unwrap();
    assert_eq!(outcome, TransitionOutcome::Done);
    new.id
}

/// Saves weekly hours whose slots are `planned` (the rest of the future dropped).
async fn replan(story: &Story, planned: &[(&SlotSeats, u16)]) {
    let planned = planned
        .iter()
        .map(|(slot, capacity)| PlannedSlot {
            date: slot.date,
            time: slot.time,
            starts_at: slot.starts_at,
            capacity: *capacity,
        })
        .collect();
    let interval = TimeInterval {
        start: NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
        end: NaiveTime::from_hms_opt(12, 30, 0).unwrap(),
        slot_minutes: 15,
        counters: 1,
    };
    let weekly = [OpeningInterval::on(Weekday::Mon, interval)];
    let replan = Replan {
        from: t0(),
        planned,
    };
    story
        .store
        .save_weekly_hours(story.office, &weekly, &replan, None)
        .await
        .expect("re-planning");
}

/// The slot as stored is (capacity, taken), and no slot of the office holds more seats
/// than it has.
async fn assert_seats(story: &Story, slot: &SlotSeats, capacity: u16, taken: u16, step: &str) {
    let now = story.seats(slot).await;
    assert_eq!((now.capacity, now.taken), (capacity, taken), "{step}");
    let all = story
        .store
        .slots(story.office, t0(), t0() + Duration::days(3650))
        .await
        .unwrap();
    for slot in all {
        assert!(slot.taken <= slot.capacity, "{step}: {slot:?}");
    }
}

/// The undecided conflicts as (booking, scheduled, taken).
async fn conflicts(story: &Story) -> Vec<(BookingId, u16, u16)> {
    let mut found: Vec<_> = story
        .store
        .replan_conflicts(story.office, t0())
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.booking_id, c.scheduled, c.taken))
        .collect();
    found.sort();
    found
}

fn staff_cancel(id: &BookingId) -> BookingMove {
    BookingMove {
        booking_id: id.clone(),
        from: S::Confirmed,
        to: S::Cancelled,
        now: t0(),
        reason: Some("schedule_change".to_owned()),
        outbox: Some(message("cancelled_by_office")),
    }
}

async fn a_dropped_slot_keeps_its_booked_seats_offers_none_and_shrinks_to_zero_when_freed(
    db: TestDatabase,
) {
    let story = Story::new(db).await;
    let booked = story.slot(0, 3).await;
    let held = story.slot(1, 3).await;
    let empty = story.slot(2, 3).await;
    let id = confirmed(&story, &booked, 1).await;
    let pending = booking(&held).persons(2).build();
    story.store.create_booking(&pending).await.unwrap();

    replan(&story, &[]).await;
    assert_seats(&story, &booked, 1, 1, "dropped with a confirmed booking").await;
    assert_seats(&story, &held, 2, 2, "dropped with a pending booking").await;
    assert_seats(&story, &empty, 0, 0, "dropped empty").await;
    let mut expected = vec![(id.clone(), 0, 1), (pending.id.clone(), 0, 2)];
    expected.sort();
    assert_eq!(conflicts(&story).await, expected);
    for slot in [&booked, &held, &empty] {
        let refused = story.store.create_booking(&booking(slot).build()).await;
        assert!(matches!(refused, Err(StoreError::SlotFull)), "{refused:?}");
    }

    let cancelled = story
        .store
        .cancel_booking(&id, t0(), "citizen", &message("cancelled"))
        .await
        .unwrap();
    assert_eq!(cancelled, TransitionOutcome::Done);
    assert_seats(&story, &booked, 0, 0, "a citizen cancelled").await;
    story.mail_out().await;
    let expired = story
        .store
        .expire_due(t0() + Duration::hours(1), 10)
        .await
        .unwrap();
    assert_eq!(expired, 1);
    assert_seats(&story, &held, 0, 0, "the pending booking expired").await;
    assert_eq!(conflicts(&story).await, vec![]);
    let refused = story.store.create_booking(&booking(&booked).build()).await;
    assert!(matches!(refused, Err(StoreError::SlotFull)), "{refused:?}");
}

async fn a_slot_cut_from_three_counters_to_one_with_two_taken_conflicts_until_a_seat_returns(
    db: TestDatabase,
) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 3).await;
    let first = confirmed(&story, &slot, 1).await;
    let second = confirmed(&story, &slot, 1).await;

    replan(&story, &[(&slot, 1)]).await;
    assert_seats(&story, &slot, 2, 2, "cut to one counter").await;
    let mut expected = vec![(first.clone(), 1, 2), (second.clone(), 1, 2)];
    expected.sort();
    assert_eq!(conflicts(&story).await, expected);
    let refused = story.store.create_booking(&booking(&slot).build()).await;
    assert!(matches!(refused, Err(StoreError::SlotFull)), "{refused:?}");

    let moved = story.store.move_booking(&staff_cancel(&second), None).await;
    assert_eq!(moved.unwrap(), TransitionOutcome::Done);
    assert_seats(&story, &slot, 1, 1, "the office cancelled one").await;
    assert_eq!(conflicts(&story).await, vec![]);

    let moved = story.store.move_booking(&staff_cancel(&first), None).await;
    assert_eq!(moved.unwrap(), TransitionOutcome::Done);
    assert_seats(&story, &slot, 1, 0, "the schedule's one seat is free again").await;
    story
        .store
        .create_booking(&booking(&slot).build())
        .await
        .expect("the scheduled seat is offered");
    assert_seats(&story, &slot, 1, 1, "booked again").await;
}

async fn keeping_one_of_two_bookings_of_a_cut_slot_ends_the_conflict(db: TestDatabase) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 3).await;
    let first = confirmed(&story, &slot, 1).await;
    let second = confirmed(&story, &slot, 1).await;
    replan(&story, &[(&slot, 1)]).await;
    let other_office = story.offices[1];

    let by_other_office = story
        .store
        .keep_booking(other_office, &first, t0(), None)
        .await;
    let unknown = story
        .store
        .keep_booking(story.office, &BookingId("bk_nope".into()), t0(), None)
        .await;
    let kept = story
        .store
        .keep_booking(story.office, &first, t0(), None)
        .await;
    let again = story
        .store
        .keep_booking(story.office, &first, t0(), None)
        .await;

    assert!(!by_other_office.unwrap());
    assert!(!unknown.unwrap());
    assert!(kept.unwrap());
    assert!(!again.unwrap());
    assert_eq!(conflicts(&story).await, vec![]);
    assert_seats(&story, &slot, 2, 2, "one kept: both stay").await;

    let moved = story.store.move_booking(&staff_cancel(&second), None).await;
    assert_eq!(moved.unwrap(), TransitionOutcome::Done);
    assert_seats(&story, &slot, 1, 1, "the other one cancelled").await;
    assert_eq!(conflicts(&story).await, vec![]);
}

async fn the_planning_job_does_not_undo_a_replan_and_a_later_replan_may_restore_seats(
    db: TestDatabase,
) {
    let story = Story::new(db).await;
    let slot = story.slot(0, 3).await;
    let dropped = story.slot(1, 3).await;
    confirmed(&story, &slot, 1).await;
    let planned_again = |slot: &SlotSeats| PlannedSlot {
        date: slot.date,
        time: slot.time,
        starts_at: slot.starts_at,
        capacity: 3,
    };

    replan(&story, &[(&slot, 2)]).await;
    let created = story
        .store
        .plan_slots(
            story.office,
            &[planned_again(&slot), planned_again(&dropped)],
        )
        .await
        .unwrap();

    assert_eq!(created, 0);
    assert_seats(
        &story,
        &slot,
        2,
        1,
        "the job planned the old capacity again",
    )
    .await;
    assert_seats(
        &story,
        &dropped,
        0,
        0,
        "the job planned a dropped slot again",
    )
    .await;

    // A slot no one planned before: the re-plan itself creates it.
    let (date, time) = nth_slot(40);
    let fresh = SlotSeats {
        date,
        time,
        starts_at: slot.starts_at + (date.and_time(time) - slot.date.and_time(slot.time)),
        capacity: 0,
        ..slot
    };
    replan(&story, &[(&slot, 3), (&dropped, 2), (&fresh, 4)]).await;
    assert_seats(&story, &slot, 3, 1, "restored").await;
    assert_seats(&story, &dropped, 2, 0, "offered again").await;
    assert_seats(&story, &fresh, 4, 0, "a slot created by the re-plan").await;
    assert_eq!(conflicts(&story).await, vec![]);
}
