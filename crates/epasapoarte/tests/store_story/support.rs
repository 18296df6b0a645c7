//! The story's vocabulary: a store on a fresh database with one office, slots planned at
//! chosen capacities, a booking builder; `on_both_backends!` (tests/support/backends.rs)
//! runs each test on both backends.

use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Bucharest;
use epasapoarte::ids::{BookingId, OfficeId, TokenHash};
use epasapoarte::store::{
    DynStore, NewBooking, NewOutboxMessage, PlannedSlot, SealedPerson, SlotSeats, Store,
    TokenPurpose,
};
use epasapoarte::testing::{self, TestDatabase};
use epasapoarte_domain::booking::BookingStatus;
use epasapoarte_domain::passport::PassportType;
use tokio::sync::Barrier;
use tokio::task::JoinSet;

/// A migrated store with the counties and the test offices, on its own database.
pub struct Story {
    pub store: DynStore,
    /// The first test office (Alba, the first in the seed table).
    pub office: OfficeId,
    /// All test offices, by id.
    pub offices: Vec<OfficeId>,
    // Last, so the store's pool is dropped before the database is.
    pub db: TestDatabase,
}

impl Story {
    pub async fn new(db: TestDatabase) -> Story {
        let store = testing::seeded_store(&db).await.expect("seeded store");
        let offices: Vec<OfficeId> = store
            .offices()
            .await
            .expect("offices")
            .iter()
            .map(|o| o.id)
            .collect();
        Story {
            store,
            office: offices[0],
            offices,
            db,
        }
    }

    /// Plans one slot of `office` at office-local `date` `time` with `capacity` seats.
    pub async fn slot_at(
        &self,
        office: OfficeId,
        date: NaiveDate,
        time: NaiveTime,
        capacity: u16,
    ) -> SlotSeats {
        let starts_at = Bucharest
            .from_local_datetime(&date.and_time(time))
            .single()
            .expect("an unambiguous local time")
            .with_timezone(&Utc);
        let planned = PlannedSlot {
            date,
            time,
            starts_at,
            capacity,
        };
        self.store
            .plan_slots(office, &[planned])
            .await
            .expect("plan slot");
        self.seats(&SlotSeats {
            office_id: office,
            date,
            time,
            starts_at,
            capacity,
            taken: 0,
        })
        .await
    }

    /// The `n`th test slot of the first office: 2031-03-03 (a Monday) from 08:30, one per
    /// quarter hour, so tests can take many distinct slots.
    pub async fn slot(&self, n: u32, capacity: u16) -> SlotSeats {
        let (date, time) = nth_slot(n);
        self.slot_at(self.office, date, time, capacity).await
    }

    /// The slot as stored now.
    pub async fn seats(&self, slot: &SlotSeats) -> SlotSeats {
        let found = self
            .store
            .slots(
                slot.office_id,
                slot.starts_at,
                slot.starts_at + Duration::milliseconds(1),
            )
            .await
            .expect("slots");
        assert_eq!(found.len(), 1, "exactly one slot at {}", slot.starts_at);
        found[0]
    }

    pub async fn status(&self, token: &TokenHash) -> BookingStatus {
        self.store
            .booking_by_token(TokenPurpose::Confirm, token)
            .await
            .expect("booking_by_token")
            .expect("a booking for the token")
            .status
    }

    /// Hands every queued e-mail to the relay, as the outbox worker would: a pending
    /// booking's time to confirm runs only once its request has gone out (issue 13).
    pub async fn mail_out(&self) {
        mail_out(self.store.as_ref()).await;
    }

    pub async fn depth(&self) -> u64 {
        self.store
            .outbox_depth()
            .await
            .expect("outbox depth")
            .waiting
    }
}

/// [`Story::mail_out`] for a spawned task's store.
pub async fn mail_out(store: &dyn Store) {
    let later = t0() + Duration::days(3650);
    let claimed = store
        .claim_outbox(later, Duration::minutes(1), 100_000)
        .await
        .expect("claiming the outbox");
    let ids: Vec<i64> = claimed.iter().map(|item| item.id).collect();
    store.mark_sent(&ids, later).await.expect("marking it sent");
}

/// Share the store with spawned tasks.
pub fn shared(story: &Story) -> Arc<dyn Store> {
    Arc::clone(&story.store)
}

/// Local date and time of the `n`th quarter hour from Monday 2031-03-03 08:30, spread
/// over the following days (32 per day) so that any `n` is a valid distinct slot.
pub fn nth_slot(n: u32) -> (NaiveDate, NaiveTime) {
    let date = NaiveDate::from_ymd_opt(2031, 3, 3).unwrap() + chrono::Days::new(u64::from(n / 32));
    let minutes = 8 * 60 + 30 + 15 * (n % 32);
    (
        date,
        NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap(),
    )
}

/// A fixed "now" for the lifecycle: well before every test slot.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2031, 2, 1, 9, 0, 0).unwrap()
}

pub fn random_bytes() -> Vec<u8> {
    rand::random::<[u8; 32]>().to_vec()
}

/// A stored token's hash (of no token anyone holds).
pub fn random_hash() -> TokenHash {
    TokenHash(random_bytes())
}

pub fn message(kind: &'static str) -> NewOutboxMessage {
    NewOutboxMessage {
        kind,
        payload: random_bytes(),
    }
}

/// Builds a [`NewBooking`] for a slot: random sealed fields, fresh ids and tokens.
pub struct BookingBuilder {
    booking: NewBooking,
}

/// A one-person booking of `slot`, created at [`t0`], expiring 30 minutes later.
pub fn booking(slot: &SlotSeats) -> BookingBuilder {
    BookingBuilder {
        booking: NewBooking {
            id: BookingId(format!("bk_{}", hex(&random_bytes()[..12]))),
            office_id: slot.office_id,
            service: PassportType::Electronic,
            date: slot.date,
            time: slot.time,
            persons: vec![person(random_bytes())],
            email_hash: random_bytes(),
            email: random_bytes(),
            phone: None,
            consent_policy: "2024-01".to_owned(),
            lang: "ro".to_owned(),
            created_at: t0(),
            expires_at: t0() + Duration::minutes(30),
            confirm_token_hash: random_hash(),
            outbox: message("confirm_request"),
            refuse_cooling_off: false,
            overflow: Vec::new(),
        },
    }
}

fn person(cnp_hash: Vec<u8>) -> SealedPerson {
    SealedPerson {
        last_name: random_bytes(),
        first_name: random_bytes(),
        cnp: random_bytes(),
        cnp_hash,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl BookingBuilder {
    /// `n` persons with fresh CNP hashes.
    pub fn persons(mut self, n: usize) -> Self {
        self.booking.persons = (0..n).map(|_| person(random_bytes())).collect();
        self
    }

    /// Persons with exactly these CNP hashes.
    pub fn cnps(mut self, hashes: &[Vec<u8>]) -> Self {
        self.booking.persons = hashes.iter().cloned().map(person).collect();
        self
    }

    pub fn email_hash(mut self, hash: &[u8]) -> Self {
        self.booking.email_hash = hash.to_vec();
        self
    }

    pub fn created_at(mut self, at: DateTime<Utc>) -> Self {
        let timeout = self.booking.expires_at - self.booking.created_at;
        self.booking.created_at = at;
        self.booking.expires_at = at + timeout;
        self
    }

    pub fn expires_at(mut self, at: DateTime<Utc>) -> Self {
        self.booking.expires_at = at;
        self
    }

    /// The kind of the e-mail the booking queues (`confirm_request` by default).
    pub fn mail_kind(mut self, kind: &'static str) -> Self {
        self.booking.outbox.kind = kind;
        self
    }

    pub fn build(self) -> NewBooking {
        self.booking
    }
}

/// Spawns `tasks` jobs that all start together once every one of them is ready.
pub async fn together<T, F, Fut>(store: Arc<dyn Store>, tasks: usize, job: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn(Arc<dyn Store>, usize) -> Fut,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    let barrier = Arc::new(Barrier::new(tasks));
    let mut set = JoinSet::new();
    for i in 0..tasks {
        let (barrier, work) = (Arc::clone(&barrier), job(Arc::clone(&store), i));
        set.spawn(async move {
            barrier.wait().await;
            (i, work.await)
        });
    }
    let mut results: Vec<(usize, T)> = set.join_all().await;
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, result)| result).collect()
}

/// Prints how long a race took, for the report.
pub fn report(story: &Story, what: &str, started: Instant) {
    eprintln!(
        "[{}] {what}: {:?}",
        story.db.backend.as_str(),
        started.elapsed()
    );
}
