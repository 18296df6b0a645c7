//! A seeded random-operation model test (issue 13 item 9): thousands of bookings,
//! confirmations, citizen and staff cancellations, e-mails handed over, office hours
//! changes (re-planning the slots' seats), clock moves and expiry runs against the store, each outcome compared with an in-memory model of the
//! same service; every few hundred operations (and at the end) the slot counters are
//! compared with the model's, and `audit_invariants` must hold. Few slots and few CNPs, so
//! full slots, CNPs already booked and confirm-after-deadline happen all the time.
//!
//! `EPAS_MODEL_OPS` (default 5,000) and `EPAS_MODEL_SEED` (default 13) change the run;
//! a failure names the seed and the operation.

use chrono::{DateTime, Duration, Utc};
use epasapoarte::ids::BookingId;
use epasapoarte::store::{
    OfficeSettings, PlannedSlot, Replan, SlotSeats, StoreError, TransitionOutcome,
};
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::booking::BookingStatus;
use epasapoarte_domain::passport::PassportType;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use crate::on_both_backends;
use crate::story::{Story, booking, mail_out, message, random_bytes, random_hash, t0};

on_both_backends!(backend_first: random_operations_agree_with_the_model);

const CAPACITIES: [u16; 6] = [1, 2, 3, 4, 2, 3];
const CNPS: usize = 30;
const CHECK_EVERY: usize = 500;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Pending,
    Confirmed,
    Cancelled,
    Expired,
}

impl Status {
    fn stored(self) -> BookingStatus {
        match self {
            Status::Pending => BookingStatus::Pending,
            Status::Confirmed => BookingStatus::Confirmed,
            Status::Cancelled => BookingStatus::Cancelled,
            Status::Expired => BookingStatus::Expired,
        }
    }
}

struct Booked {
    id: BookingId,
    slot: usize,
    cnps: Vec<usize>,
    status: Status,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    /// Its confirmation request has been handed over (its 30 minutes run).
    mailed: bool,
}

impl Booked {
    fn active(&self) -> bool {
        matches!(self.status, Status::Pending | Status::Confirmed)
    }

    /// Due for expiry at `now`: pending, past its time, and its request out (or a day
    /// old: an unsent request holds its booking for a day at most).
    fn due(&self, now: DateTime<Utc>) -> bool {
        self.status == Status::Pending
            && self.expires_at <= now
            && (self.mailed || self.created_at <= now - Duration::hours(24))
    }
}

/// One slot as the model sees it.
struct Slot {
    seats: SlotSeats,
    taken: i64,
    capacity: i64,
    /// What the office's hours give it, once they have been changed.
    scheduled: Option<i64>,
}

/// The service as the model sees it.
struct Model {
    slots: Vec<Slot>,
    cnp_hashes: Vec<Vec<u8>>,
    cnp_active: Vec<bool>,
    bookings: Vec<Booked>,
    now: DateTime<Utc>,
}

impl Model {
    fn release(&mut self, index: usize, to: Status) {
        let booked = &mut self.bookings[index];
        booked.status = to;
        let slot = &mut self.slots[booked.slot];
        slot.taken -= booked.cnps.len() as i64;
        // A slot held above its hours shrinks back as seats return (a trigger).
        if let Some(scheduled) = slot.scheduled
            && slot.capacity > scheduled
        {
            slot.capacity = scheduled.max(slot.taken);
        }
        for cnp in &booked.cnps {
            self.cnp_active[*cnp] = false;
        }
    }
}

async fn random_operations_agree_with_the_model(db: TestDatabase) {
    let ops = env_or("EPAS_MODEL_OPS", 5_000) as usize;
    let seed = env_or("EPAS_MODEL_SEED", 13);
    let mut rng = StdRng::seed_from_u64(seed);
    let story = Story::new(db).await;
    let mut slots = Vec::new();
    for (n, capacity) in (0u32..).zip(CAPACITIES) {
        slots.push(Slot {
            seats: story.slot(n, capacity).await,
            taken: 0,
            capacity: i64::from(capacity),
            scheduled: None,
        });
    }
    let mut model = Model {
        slots,
        cnp_hashes: (0..CNPS).map(|_| random_bytes()).collect(),
        cnp_active: vec![false; CNPS],
        bookings: Vec::new(),
        now: t0(),
    };
    let store = story.store.as_ref();
    let started = std::time::Instant::now();
    let mut counts = [0usize; 7];
    for op in 0..ops {
        let at = format!("seed {seed}, operation {op}");
        let roll = rng.gen_range(0..100);
        match roll {
            // Book: a family of 1–3 from the CNP pool, into a random slot.
            0..=37 => {
                counts[0] += 1;
                let slot = rng.gen_range(0..model.slots.len());
                let size = rng.gen_range(1..=3);
                let cnps: Vec<usize> = (0..CNPS)
                    .collect::<Vec<_>>()
                    .choose_multiple(&mut rng, size)
                    .copied()
                    .collect();
                let hashes: Vec<Vec<u8>> =
                    cnps.iter().map(|c| model.cnp_hashes[*c].clone()).collect();
                let new = booking(&model.slots[slot].seats)
                    .cnps(&hashes)
                    .created_at(model.now)
                    .build();
                let full = model.slots[slot].taken + size as i64 > model.slots[slot].capacity;
                let booked = cnps.iter().any(|c| model.cnp_active[*c]);
                let result = store.create_booking(&new).await;
                match (&result, full, booked) {
                    (Ok(()), false, false) => {
                        model.slots[slot].taken += size as i64;
                        for cnp in &cnps {
                            model.cnp_active[*cnp] = true;
                        }
                        model.bookings.push(Booked {
                            id: new.id.clone(),
                            slot,
                            cnps,
                            status: Status::Pending,
                            created_at: new.created_at,
                            expires_at: new.expires_at,
                            mailed: false,
                        });
                    }
                    (Err(StoreError::SlotFull), true, _) => {}
                    (Err(StoreError::CnpAlreadyBooked), _, true) => {}
                    other => panic!("{at}: booking gave {other:?} (full {full}, booked {booked})"),
                }
            }
            // Confirm any booking, at any time.
            38..=57 => {
                counts[1] += 1;
                if model.bookings.is_empty() {
                    continue;
                }
                let index = rng.gen_range(0..model.bookings.len());
                let now = model.now;
                let id = model.bookings[index].id.clone();
                let outcome = store
                    .confirm_booking(&id, now, &random_hash(), &message("confirmed"))
                    .await
                    .unwrap_or_else(|error| panic!("{at}: confirm failed: {error:?}"));
                let booked = &model.bookings[index];
                let expected = match booked.status {
                    Status::Pending if booked.expires_at > now => TransitionOutcome::Done,
                    Status::Pending if booked.due(now) => {
                        TransitionOutcome::Unchanged(BookingStatus::Expired)
                    }
                    status => TransitionOutcome::Unchanged(status.stored()),
                };
                assert_eq!(outcome, expected, "{at}: confirm");
                match expected {
                    TransitionOutcome::Done => {
                        model.bookings[index].status = Status::Confirmed;
                    }
                    TransitionOutcome::Unchanged(BookingStatus::Expired)
                        if model.bookings[index].status == Status::Pending =>
                    {
                        model.release(index, Status::Expired);
                    }
                    _ => {}
                }
            }
            // Cancel, by the citizen or by staff.
            58..=71 => {
                counts[2] += 1;
                if model.bookings.is_empty() {
                    continue;
                }
                let index = rng.gen_range(0..model.bookings.len());
                let reason = if roll < 66 { "citizen" } else { "staff" };
                let id = model.bookings[index].id.clone();
                let outcome = store
                    .cancel_booking(&id, model.now, reason, &message("cancelled"))
                    .await
                    .unwrap_or_else(|error| panic!("{at}: cancel failed: {error:?}"));
                let booked = &model.bookings[index];
                if booked.active() {
                    assert_eq!(outcome, TransitionOutcome::Done, "{at}: cancel");
                    model.release(index, Status::Cancelled);
                } else {
                    let expected = TransitionOutcome::Unchanged(booked.status.stored());
                    assert_eq!(outcome, expected, "{at}: cancel");
                }
            }
            // The outbox hands everything queued to the relay.
            72..=81 => {
                counts[3] += 1;
                mail_out(store).await;
                for booked in &mut model.bookings {
                    booked.mailed = true;
                }
            }
            // The office's hours change: every slot gets 0–4 seats (never fewer than it
            // holds: the rest are conflicts for the manager).
            82..=85 => {
                counts[6] += 1;
                let planned: Vec<PlannedSlot> = model
                    .slots
                    .iter()
                    .map(|slot| PlannedSlot {
                        date: slot.seats.date,
                        time: slot.seats.time,
                        starts_at: slot.seats.starts_at,
                        capacity: rng.gen_range(0..=4),
                    })
                    .collect();
                let settings = OfficeSettings {
                    services: vec![PassportType::Electronic],
                    max_persons: 5,
                    horizon_days: 90,
                };
                let replan = Replan {
                    from: t0(),
                    planned: planned.clone(),
                };
                store
                    .save_office_settings(story.office, &settings, &replan, None)
                    .await
                    .unwrap_or_else(|error| panic!("{at}: hours change failed: {error:?}"));
                for (slot, plan) in model.slots.iter_mut().zip(&planned) {
                    let scheduled = i64::from(plan.capacity);
                    slot.scheduled = Some(scheduled);
                    slot.capacity = scheduled.max(slot.taken);
                }
            }
            // Time passes (now and then a whole day without mail going out), then expiry.
            _ => {
                counts[4] += 1;
                let step = if rng.gen_range(0..200) == 0 {
                    Duration::hours(25)
                } else {
                    Duration::minutes(rng.gen_range(0..=20))
                };
                model.now += step;
                let now = model.now;
                let due: Vec<usize> = (0..model.bookings.len())
                    .filter(|i| model.bookings[*i].due(now))
                    .collect();
                let expired = store
                    .expire_due(now, 10_000)
                    .await
                    .unwrap_or_else(|error| panic!("{at}: expiry failed: {error:?}"));
                assert_eq!(expired, due.len() as u64, "{at}: expired");
                for index in due {
                    model.release(index, Status::Expired);
                }
            }
        }
        if op % CHECK_EVERY == CHECK_EVERY - 1 {
            counts[5] += 1;
            check(&story, &model, &at).await;
        }
    }
    check(&story, &model, &format!("seed {seed}, the end")).await;
    eprintln!(
        "model test ({}): {ops} operations (book {}, confirm {}, cancel {}, mail out {}, \
         hours {}, expiry {}; {} checks) in {:.1?}",
        story.db.backend.as_str(),
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[6],
        counts[4],
        counts[5] + 1,
        started.elapsed()
    );
}

/// Every slot's counter is the model's, and the audit finds nothing.
async fn check(story: &Story, model: &Model, at: &str) {
    for (index, slot) in model.slots.iter().enumerate() {
        let stored = story.seats(&slot.seats).await;
        assert_eq!(
            (i64::from(stored.taken), i64::from(stored.capacity)),
            (slot.taken, slot.capacity),
            "{at}: slot {index} (taken, capacity)"
        );
    }
    // From the day before: the person check applies to the slots' day too.
    let from = model.slots[0].seats.date - Duration::days(1);
    let audit = story
        .store
        .audit_invariants(from, &[])
        .await
        .expect("the audit");
    assert!(audit.holds(), "{at}: {audit:?}");
    let active = model.bookings.iter().filter(|b| b.active()).count();
    assert!(active <= CNPS, "{at}: one active booking per CNP at most");
}
