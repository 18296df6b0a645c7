//! Mixed concurrent traffic: bookings, confirms, cancels and the expiry sweep all at once.
//! Afterwards every slot's count must equal the persons of its active bookings.

use std::collections::HashMap;
use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use epasapoarte::store::{NewBooking, SlotSeats, Store, StoreError, TransitionOutcome};
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::booking::BookingStatus;

use crate::on_both_backends;
use crate::story::{
    Story, booking, mail_out, message, random_bytes, random_hash, report, shared, t0, together,
};

on_both_backends!(
    backend_first:
    bookings_naming_the_same_cnps_in_opposite_orders_never_deadlock,
    mixed_concurrent_traffic_keeps_every_slot_count_exact,
);

async fn bookings_naming_the_same_cnps_in_opposite_orders_never_deadlock(db: TestDatabase) {
    const ROUNDS: u32 = 20;
    let story = Story::new(db).await;
    let started = Instant::now();
    for round in 0..ROUNDS {
        let (first, second) = (
            story.slot(2 * round, 3).await,
            story.slot(2 * round + 1, 3).await,
        );
        let (x, y) = (random_bytes(), random_bytes());
        let bookings = [
            booking(&first).cnps(&[x.clone(), y.clone()]).build(),
            booking(&second).cnps(&[y, x]).build(),
        ];

        let results = together(shared(&story), 2, |store, i| {
            let new = bookings[i].clone();
            async move { store.create_booking(&new).await }
        })
        .await;

        let won = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(won, 1, "round {round}: {results:?}");
        assert!(
            results
                .iter()
                .all(|r| matches!(r, Ok(()) | Err(StoreError::CnpAlreadyBooked))),
            "round {round}: {results:?}"
        );
        let taken = story.seats(&first).await.taken + story.seats(&second).await.taken;
        assert_eq!(taken, 2);
    }
    report(&story, "20 rounds of crossed-CNP bookings", started);
}

/// What one task of the mixed traffic does after its booking is in.
#[derive(Debug, Clone, Copy)]
enum Then {
    Confirm,
    Cancel,
    ConfirmThenCancel,
    Nothing,
}

async fn mixed_concurrent_traffic_keeps_every_slot_count_exact(db: TestDatabase) {
    const TASKS: usize = 240;
    const SWEEPERS: usize = 8;
    let story = Story::new(db).await;
    let mut slots = Vec::new();
    for n in 0..4 {
        slots.push(story.slot(n, 6).await);
    }
    let email = random_bytes();
    let bookings = half_overdue_bookings(&slots, &email, TASKS);
    let plans = [
        Then::Confirm,
        Then::Cancel,
        Then::ConfirmThenCancel,
        Then::Nothing,
    ];
    let now = t0() + Duration::minutes(1);
    let started = Instant::now();

    let outcomes = together(shared(&story), TASKS + SWEEPERS, |store, i| {
        let new = bookings.get(i).cloned();
        let then = plans[(i / 4) % 4];
        async move {
            match new {
                Some(new) => book_then(store.as_ref(), new, then, now).await,
                // A sweeper: the expiry job of another instance.
                None => store.expire_due(now, 7).await.map(|_| None),
            }
        }
    })
    .await;

    report(&story, "240 mixed tasks + 8 expiry sweepers", started);
    for outcome in &outcomes {
        if let Err(error) = outcome {
            panic!("unexpected store error: {error:?}");
        }
    }
    // Sweep whatever is still due, then count.
    story.store.expire_due(now, 1000).await.unwrap();
    assert_counts_match_active_bookings(&story, &slots, &email, now).await;
}

/// `tasks` bookings of 1–3 persons over `slots`, all with the e-mail `email`; every other
/// one is already past its deadline, so confirms race the sweepers.
fn half_overdue_bookings(slots: &[SlotSeats], email: &[u8], tasks: usize) -> Vec<NewBooking> {
    (0..tasks)
        .map(|i| {
            let new = booking(&slots[i % 4]).persons(1 + i % 3).email_hash(email);
            let new = if i % 2 == 0 {
                new.expires_at(t0())
            } else {
                new
            };
            new.build()
        })
        .collect()
}

/// Creates `new`, then does what `then` says; `None` when the slot was full.
async fn book_then(
    store: &dyn Store,
    new: NewBooking,
    then: Then,
    now: DateTime<Utc>,
) -> Result<Option<(Then, TransitionOutcome)>, StoreError> {
    match store.create_booking(&new).await {
        Ok(()) => {}
        Err(StoreError::SlotFull) => return Ok(None),
        Err(other) => return Err(other),
    }
    // Its confirmation request goes out (its time to confirm runs from then on).
    mail_out(store).await;
    let (token, confirmed, cancelled) = (random_hash(), message("c"), message("x"));
    let confirm = || store.confirm_booking(&new.id, now, &token, &confirmed);
    let cancel = || store.cancel_booking(&new.id, now, "citizen", &cancelled);
    let last = match then {
        Then::Confirm => confirm().await?,
        Then::Cancel => cancel().await?,
        Then::ConfirmThenCancel => {
            confirm().await?;
            cancel().await?
        }
        Then::Nothing => TransitionOutcome::Done,
    };
    Ok(Some((then, last)))
}

/// Every slot holds exactly the persons of its active (pending in time, or confirmed)
/// bookings, and never more than its capacity.
async fn assert_counts_match_active_bookings(
    story: &Story,
    slots: &[SlotSeats],
    email: &[u8],
    now: DateTime<Utc>,
) {
    let active = story.store.active_bookings_by_email(email).await.unwrap();
    let mut held: HashMap<(NaiveDate, NaiveTime), u16> = HashMap::new();
    for found in &active {
        assert!(matches!(
            found.status,
            BookingStatus::Pending | BookingStatus::Confirmed
        ));
        assert!(found.status == BookingStatus::Confirmed || found.expires_at > now);
        *held.entry((found.date, found.time)).or_default() += found.persons.len() as u16;
    }
    for slot in slots {
        let stored = story.seats(slot).await;
        let expected = held.get(&(slot.date, slot.time)).copied().unwrap_or(0);
        assert_eq!(stored.taken, expected, "slot {} {}", slot.date, slot.time);
        assert!(stored.taken <= stored.capacity);
    }
}
