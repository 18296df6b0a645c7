//! (c) The flash crowd: thousands of citizens released at the same instant onto one
//! office's one day. Each picks a random slot for its family of 1–3; on `409 slot_full`
//! it tries another slot that nobody has yet found too full for a family its size, until
//! it books, runs out of candidate slots, or of attempts. Then the database is audited:
//! overbooked seats must be 0.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::time::Instant;

use rand::Rng;
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;
use tokio::sync::Barrier;

use super::catalog::{FlashDay, FreeSlot};
use super::{Ctx, classify};
use crate::db::Audit;
use crate::load::{self, PhaseStats, Recorder};
use crate::machine::tcp_listen_counters;
use crate::people::{CnpSource, booking_body};
use crate::report::{Check, Report};

/// What one citizen of the crowd got.
#[derive(Debug, Default)]
struct Citizen {
    recorder: Recorder,
    booked_persons: u64,
    /// False when every slot was known full for its family before it could try.
    tried: bool,
}

/// The crowd's totals, filled as the citizens come back.
#[derive(Debug, Default)]
struct Tally {
    booked_persons: AtomicU64,
    never_tried: AtomicU64,
}

/// What every citizen shares: where to book, the day's slots and what the crowd learnt.
struct Crowd {
    client: reqwest::Client,
    cnps: Arc<CnpSource>,
    url: Arc<str>,
    slots: Vec<FreeSlot>,
    /// Smallest family size seen refused per slot (u8::MAX: none yet): shared knowledge,
    /// as a citizen sees a slot vanish from the page after someone else took it.
    refused: Vec<AtomicU8>,
    attempts: usize,
}

pub async fn run(
    ctx: &Ctx,
    report: &mut Report,
    day: &FlashDay,
    crowd: usize,
    attempts: usize,
) -> anyhow::Result<()> {
    let before = ctx.probe.audit_day(day.office_id, day.date).await?;
    let shared = Arc::new(Crowd {
        client: ctx.client.clone(),
        cnps: ctx.cnps.clone(),
        url: ctx.url("/api/v1/bookings").into(),
        slots: day.slots.clone(),
        refused: day.slots.iter().map(|_| AtomicU8::new(u8::MAX)).collect(),
        attempts,
    });
    let tally = Arc::new(Tally::default());
    let crowd_run = release(shared, crowd, tally.clone());
    let name = format!("flash crowd ({crowd} clients)");
    let tcp_before = tcp_listen_counters();
    let stats = ctx.measure(report, &name, crowd_run).await?;
    let tcp = kernel_note(tcp_before);
    let after = ctx.probe.audit_day(day.office_id, day.date).await?;
    let aftermath = Aftermath {
        before,
        after,
        booked: tally.booked_persons.load(Ordering::Relaxed),
        never_tried: tally.never_tried.load(Ordering::Relaxed),
        stats,
    };
    let backend = ctx.backend.as_str();
    report.note(backend, aftermath.note(day, &tcp));
    report.checks.push(aftermath.check(backend));
    Ok(())
}

/// Starts `crowd` citizens, releases them at the same instant and adds up what they got.
async fn release(
    shared: Arc<Crowd>,
    crowd: usize,
    totals: Arc<Tally>,
) -> anyhow::Result<PhaseStats> {
    let barrier = Arc::new(Barrier::new(crowd + 1));
    let citizens: Vec<_> = (0..crowd)
        .map(|_| tokio::spawn(citizen(shared.clone(), barrier.clone())))
        .collect();
    // Everyone is connected-ready and waiting: release them at the same instant.
    barrier.wait().await;
    let started = Instant::now();
    let mut recorders = Vec::with_capacity(crowd);
    for citizen in citizens {
        if let Ok(citizen) = citizen.await {
            totals
                .booked_persons
                .fetch_add(citizen.booked_persons, Ordering::Relaxed);
            totals
                .never_tried
                .fetch_add(u64::from(!citizen.tried), Ordering::Relaxed);
            recorders.push(citizen.recorder);
        }
    }
    Ok(PhaseStats::merge(recorders, started.elapsed()))
}

/// One citizen: waits for the release, then tries slots not yet known too full for its
/// family until it books, runs out of candidates, or of attempts.
async fn citizen(crowd: Arc<Crowd>, barrier: Arc<Barrier>) -> Citizen {
    let persons: u8 = rand::thread_rng().gen_range(1..=3);
    let mut citizen = Citizen::default();
    barrier.wait().await;
    for _ in 0..crowd.attempts {
        let candidates: Vec<usize> = (0..crowd.slots.len())
            .filter(|&i| crowd.refused[i].load(Ordering::Relaxed) > persons)
            .collect();
        if candidates.is_empty() {
            break;
        }
        let pick = candidates[rand::thread_rng().gen_range(0..candidates.len())];
        citizen.tried = true;
        let sent_at = Instant::now();
        let outcome = crowd.try_slot(pick, persons).await;
        let took = sent_at.elapsed();
        let done = match &outcome {
            load::Outcome::Ok => {
                citizen.booked_persons = u64::from(persons);
                true
            }
            load::Outcome::Error(label) if label == "409 slot_full" => {
                crowd.refused[pick].fetch_min(persons, Ordering::Relaxed);
                false
            }
            // Anything else is not a seat race: this citizen gives up.
            load::Outcome::Error(_) => true,
        };
        citizen.recorder.record(outcome, took);
        if done {
            break;
        }
    }
    citizen
}

impl Crowd {
    /// Books a family of `persons` at slot `pick`.
    async fn try_slot(&self, pick: usize, persons: u8) -> load::Outcome {
        let body = booking_body(&self.slots[pick].seat, usize::from(persons), &self.cnps);
        let sent = self
            .client
            .post(&*self.url)
            .header(CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await;
        classify(sent, StatusCode::CREATED).await
    }
}

/// The kernel's listen-queue trouble meanwhile, when the machine tells.
fn kernel_note(before: Option<(u64, u64)>) -> String {
    match (before, tcp_listen_counters()) {
        (Some((overflows, retrans)), Some((overflows2, retrans2))) => format!(
            "; kernel: {} accept-queue overflows, {} SYN retransmissions (machine-wide)",
            overflows2.saturating_sub(overflows),
            retrans2.saturating_sub(retrans)
        ),
        _ => String::new(),
    }
}

/// The day before and after the crowd, and what the crowd was told.
struct Aftermath {
    before: Audit,
    after: Audit,
    booked: u64,
    never_tried: u64,
    stats: PhaseStats,
}

impl Aftermath {
    fn note(&self, day: &FlashDay, tcp: &str) -> String {
        let (before, after, stats) = (&self.before, &self.after, &self.stats);
        let (booked, never_tried) = (self.booked, self.never_tried);
        let seats_at_start = before.capacity - before.taken;
        let status_409 = stats
            .errors
            .iter()
            .filter(|(label, _)| label.starts_with("409"))
            .map(|(_, count)| count)
            .sum::<u64>();
        let other = stats.error_count() - status_409;
        format!(
            "flash crowd: office {} on {} — {} slots, seats available at start {seats_at_start}, \
             seats taken {} (in the 201 answers: {booked} persons), 201s {}, 409s {status_409}, \
             other statuses {other}{}; slots over capacity {}, seats over capacity {}, \
             counter/booking mismatches {} → OVERBOOKED SEATS {}; {never_tried} citizens found \
             the day full before trying; {:.2} s until the last citizen was answered{tcp}",
            day.office_id,
            day.date,
            after.slots,
            after.taken - before.taken,
            stats.ok,
            if other > 0 {
                format!(" ({})", stats.error_summary())
            } else {
                String::new()
            },
            after.slots_over_capacity,
            after.seats_over_capacity,
            after.mismatch,
            after.overbooked(),
            stats.elapsed.as_secs_f64()
        )
    }

    /// The answers the citizens got must add up to what the database holds.
    fn check(&self, backend: &'static str) -> Check {
        let taken = self.after.taken - self.before.taken;
        let lost = taken - i64::try_from(self.booked).unwrap_or(i64::MAX);
        Check::new(
            backend,
            "flash crowd: 0 overbooked seats (and 201s = seats taken)",
            format!(
                "{} overbooked, {lost} seats unaccounted",
                self.after.overbooked()
            ),
            self.after.overbooked() == 0 && lost == 0,
        )
    }
}
