//! (d) The raw database baseline: the same booking transaction (`Store::create_booking`),
//! built as the service builds it — names, CNP and address sealed, keyed hashes, a token
//! hash, a sealed outbox payload of the size the HTTP phase produced — but called
//! directly, without HTTP, JSON or validation. On its own freshly seeded database, with
//! the server stopped, so the machine is as quiet as for the HTTP phases.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::Utc;
use epasapoarte::config::SecretKey;
use epasapoarte::crypto::{Crypto, HashPurpose};
use epasapoarte::store::{DynStore, NewBooking, NewOutboxMessage, SealedPerson, StoreError};
use epasapoarte::testing::Backend;
use epasapoarte_domain::passport::PassportType;
use rand::Rng;

use super::catalog::{FreeSlot, shuffled_seats};
use crate::load::{Outcome, PhaseStats, closed_loop};
use crate::machine::CpuSnapshot;
use crate::people::{CnpSource, Seat};
use crate::report::{Report, Row};

/// What the raw phase needs to know from the HTTP run.
#[derive(Debug, Clone)]
pub struct RawSetup {
    pub backend: Backend,
    pub clients: usize,
    pub duration: Duration,
    /// Mean sealed size of the real confirmation-request payloads.
    pub payload_len: usize,
    /// The raw baseline's PostgreSQL database, for the CPU columns.
    pub database: Option<String>,
}

/// The free seats of every office from tomorrow (UTC) to the end of the horizon.
async fn seats(store: &DynStore) -> anyhow::Result<Vec<Seat>> {
    let from = Utc::now() + chrono::Duration::days(1);
    let to = from + chrono::Duration::days(i64::from(epasapoarte::seed::HORIZON_DAYS) + 1);
    let mut slots = Vec::new();
    for office in store.offices().await? {
        for slot in store.slots(office.id, from, to).await? {
            slots.push(FreeSlot {
                seat: Seat {
                    office_id: slot.office_id.get(),
                    date: slot.date,
                    time: slot.time,
                },
                free: slot.free(),
            });
        }
    }
    Ok(shuffled_seats(&slots))
}

pub async fn run(
    store: DynStore,
    setup: RawSetup,
    report: &mut Report,
) -> anyhow::Result<PhaseStats> {
    let seats = Arc::new(seats(&store).await?);
    let key: [u8; 32] = rand::thread_rng().r#gen();
    let crypto = Arc::new(Crypto::new(&SecretKey::from_bytes(key.to_vec())?));
    // The plaintext that seals to the same size as the service's real payloads.
    let overhead = crypto.seal(b"").len();
    let payload_plain = Arc::new(vec![b'x'; setup.payload_len.saturating_sub(overhead)]);
    let cnps = Arc::new(CnpSource::default());
    let next = Arc::new(AtomicUsize::new(0));
    let name = "raw store.create_booking";
    eprintln!("  {}: {name} …", setup.backend.as_str());
    let before = CpuSnapshot::take(None, setup.database.as_deref());
    let stats = closed_loop(setup.clients, setup.duration, move || {
        let (store, crypto, cnps) = (store.clone(), crypto.clone(), cnps.clone());
        let payload_plain = payload_plain.clone();
        let seat = seats.get(next.fetch_add(1, Ordering::Relaxed)).copied();
        async move {
            let booking = sealed_booking(&crypto, &seat?, &cnps.next(), &payload_plain);
            Some(match store.create_booking(&booking).await {
                Ok(()) => Outcome::Ok,
                Err(StoreError::SlotFull) => Outcome::Error("slot_full".into()),
                Err(StoreError::CnpAlreadyBooked) => Outcome::Error("cnp_already_booked".into()),
                Err(_) => Outcome::Error("database error".into()),
            })
        }
    })
    .await;
    let cpu = before.until(&CpuSnapshot::take(None, setup.database.as_deref()));
    let row = Row {
        backend: setup.backend.as_str(),
        phase: name.to_owned(),
        stats: stats.clone(),
        peak_rss_mib: None,
        cpu,
    };
    eprintln!("    {}", row.one_line());
    report.rows.push(row);
    Ok(stats)
}

/// One pending booking for one person, sealed as the service seals it.
fn sealed_booking(crypto: &Crypto, seat: &Seat, cnp: &str, payload_plain: &[u8]) -> NewBooking {
    let now = Utc::now();
    let email = format!("bench.{cnp}@example.com");
    let id: [u8; 16] = rand::thread_rng().r#gen();
    NewBooking {
        id: epasapoarte::ids::BookingId(id.iter().map(|b| format!("{b:02x}")).collect()),
        office_id: epasapoarte::ids::OfficeId(seat.office_id),
        service: PassportType::Electronic,
        date: seat.date,
        time: seat.time,
        persons: vec![SealedPerson {
            last_name: crypto.seal_str("Popescu"),
            first_name: crypto.seal_str("Ion"),
            cnp: crypto.seal_str(cnp),
            cnp_hash: crypto.keyed_hash(HashPurpose::Cnp, cnp.as_bytes()),
        }],
        email_hash: crypto.keyed_hash(HashPurpose::Email, email.as_bytes()),
        email: crypto.seal_str(&email),
        phone: None,
        consent_policy: "2026-11".to_owned(),
        lang: "ro".to_owned(),
        created_at: now,
        expires_at: now + chrono::Duration::minutes(30),
        confirm_token_hash: epasapoarte::ids::LinkToken::generate().hash(),
        outbox: NewOutboxMessage {
            kind: "confirm_request",
            payload: crypto.seal(payload_plain),
        },
        // As the service asks (the default `EPAS_NO_SHOW_COOLOFF_DAYS` is on).
        refuse_cooling_off: true,
        overflow: Vec::new(),
    }
}
