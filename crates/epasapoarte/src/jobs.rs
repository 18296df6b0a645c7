//! Background work every instance runs (SPEC §7): expiring unconfirmed bookings, planning
//! slots over the horizon, delivering the outbox, sampling lead times for the reports.
//! Each job is a public "run once" step that tests call directly, plus a loop; all of them
//! are safe with many instances (the database decides who does each piece of work,
//! exactly once).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use crate::service::BookingService;

mod draw;
mod holds;
mod reconfirm;
mod reminders;
pub use draw::{DRAW_INTERVAL, draw_once, spawn_draw};
pub use holds::{HOLDS_INTERVAL, holds_once, spawn_holds};
pub use reconfirm::{RECONFIRM_INTERVAL, reconfirm_once, spawn_reconfirm};
pub use reminders::{REMINDER_INTERVAL, reminders_once, spawn_reminders};

/// How often pending bookings are checked for expiry: seats return within about this long.
pub const EXPIRY_INTERVAL: Duration = Duration::from_secs(1);
/// The most bookings one expiry step handles; a full batch runs the next step at once.
pub const EXPIRY_BATCH: u32 = 500;

/// Expires the pending bookings that are due; returns how many this call expired.
pub async fn expire_once(service: &BookingService) -> anyhow::Result<u64> {
    let mut total = 0;
    // Draw entries not confirmed in time lapse too, freeing their CNPs (SPEC §8).
    let lapsed = service.store.lapse_draw_entries(service.now()).await?;
    if lapsed > 0 {
        tracing::info!(lapsed, "draw entries lapsed");
    }
    loop {
        let now = service.now();
        let expired = service.store.expire_due(now, EXPIRY_BATCH).await?;
        total += expired;
        service
            .metrics
            .expiry_ran(expired, u64::try_from(now.timestamp_millis()).unwrap_or(0));
        if expired < u64::from(EXPIRY_BATCH) {
            break;
        }
    }
    if total > 0 {
        // Another instance's cache sees the seats within its own TTL; ours at once.
        service.directory.invalidate_all();
        tracing::info!(expired = total, "pending bookings expired");
    }
    Ok(total)
}

/// A job's interval under the simulation clock (`EPAS_CLOCK_SCALE`): divided by the
/// scale, at least 50 ms; unchanged on the system clock. Every job loop takes its
/// interval through this, so expiry, draws, holds and releases keep pace with a
/// simulated day.
#[must_use]
pub fn scaled(service: &BookingService, base: Duration) -> Duration {
    crate::config::sim_clock::job_interval(service.config.sim_clock, base)
}

/// A job step this long is logged (with the job's name).
pub const SLOW_STEP: Duration = Duration::from_secs(1);

/// Runs `step` every `interval` until shutdown; errors are logged and retried next tick.
pub async fn every<F, Fut>(
    name: &'static str,
    interval: Duration,
    mut shutdown: watch::Receiver<bool>,
    mut step: F,
) where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticker.tick() => {
                let started = std::time::Instant::now();
                if let Err(error) = step().await {
                    tracing::warn!(job = name, error = format!("{error:#}"), "background job failed; retrying");
                }
                // A long step holds the writer (SQLite) and makes requests wait: say which.
                let took = started.elapsed();
                if took >= SLOW_STEP {
                    tracing::warn!(job = name, took_ms = took.as_millis() as u64, "slow background job step");
                }
            }
            _ = shutdown.changed() => break,
        }
    }
    tracing::debug!(job = name, "background job stopped");
}

/// Starts the expiry loop.
pub fn spawn_expiry(
    service: BookingService,
    shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let service = Arc::new(service);
    let interval = scaled(&service, EXPIRY_INTERVAL);
    tokio::spawn(every("expiry", interval, shutdown, move || {
        let service = service.clone();
        async move { expire_once(&service).await.map(|_| ()) }
    }))
}

/// Slots are planned over a rolling horizon: a new day opens every midnight.
pub const PLANNING_INTERVAL: Duration = Duration::from_secs(15 * 60);

/// Starts the slot-planning loop (idempotent across instances: existing slots are kept).
pub fn spawn_slot_planning(
    service: BookingService,
    shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let service = Arc::new(service);
    let interval = scaled(&service, PLANNING_INTERVAL);
    tokio::spawn(every("slot_planning", interval, shutdown, move || {
        let service = service.clone();
        async move {
            // Days still to be drawn stay unplanned (SPEC §8).
            let created = service.plan_public_slots().await?;
            if created > 0 {
                service.directory.invalidate_all();
                tracing::info!(created, "slots planned");
            }
            Ok(())
        }
    }))
}

/// How often the outbox is polled for due messages.
pub const DELIVERY_INTERVAL: Duration = Duration::from_secs(1);

/// Starts the outbox delivery loop.
pub fn spawn_delivery(
    service: BookingService,
    mailer: crate::mail::Mailer,
    shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let service = Arc::new(service);
    let mailer = Arc::new(mailer);
    let interval = scaled(&service, DELIVERY_INTERVAL);
    tokio::spawn(every("outbox", interval, shutdown, move || {
        let (service, mailer) = (service.clone(), mailer.clone());
        async move { deliver_once(&service, &mailer).await.map(|_| ()) }
    }))
}

/// Delivers the outbox messages that are due (until a batch comes back short). While the
/// relay is down nothing is claimed: it is probed at most every 30 s
/// ([`crate::mail::relay`]), and when it answers, all waiting mail is due at once.
pub async fn deliver_once(
    service: &BookingService,
    mailer: &crate::mail::Mailer,
) -> anyhow::Result<u64> {
    let settings = crate::mail::MailSettings::from_config(&service.config);
    if let Some(relay) = mailer.relay()
        && relay.down_since().is_some()
    {
        let now = service.now();
        if !relay.probe_due(now) {
            return Ok(0);
        }
        let answered = mailer.probe().await;
        relay.probed(now, answered);
        service.metrics.relay_up(answered);
        if !answered {
            return Ok(0);
        }
        let due = service.store.retry_waiting_for_relay(now).await?;
        tracing::info!(due, "waiting mail brought forward");
    }
    let mut sent = 0;
    loop {
        let now = service.now();
        let report = crate::mail::deliver_due(
            service.store.as_ref(),
            &service.crypto,
            mailer,
            &settings,
            now,
        )
        .await?;
        service.metrics.mail(report.sent, report.failed);
        sent += report.sent;
        if report.relay_down {
            if let Some(relay) = mailer.relay() {
                relay.went_down(now);
            }
            service.metrics.relay_up(false);
            return Ok(sent);
        }
        if report.claimed > 0 {
            service.metrics.relay_up(true);
        }
        if !report.batch_was_full {
            return Ok(sent);
        }
    }
}

/// A confirmed appointment stops blocking its CNPs this long after its start.
pub const HOLD_GRACE: chrono::Duration = chrono::Duration::hours(1);

/// What one housekeeping round did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Housekeeping {
    /// Past appointments whose CNPs stopped blocking new bookings.
    pub released: u64,
    /// Bookings whose personal data was deleted (`EPAS_RETENTION_DAYS`).
    pub purged: u64,
    /// Ended applications whose personal data was deleted
    /// (`EPAS_APPLICATION_RETENTION_DAYS`).
    pub applications_purged: u64,
}

/// Releases past appointments' CNP holds and purges personal data past retention, of
/// bookings and of ended applications.
pub async fn housekeeping_once(service: &BookingService) -> anyhow::Result<Housekeeping> {
    let now = service.now();
    let released = service.store.release_past_holds(now - HOLD_GRACE).await?;
    let retention = chrono::Duration::days(i64::from(service.config.retention_days));
    let purged = service
        .store
        .purge_personal_data(now - retention, now)
        .await?;
    let kept = chrono::Duration::days(i64::from(service.config.application_retention_days));
    let applications_purged = service.store.purge_applications(now - kept, now).await?;
    if released + purged + applications_purged > 0 {
        tracing::info!(released, purged, applications_purged, "housekeeping");
    }
    Ok(Housekeeping {
        released,
        purged,
        applications_purged,
    })
}

/// Starts the housekeeping loop (idempotent across instances).
pub fn spawn_housekeeping(
    service: BookingService,
    shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let service = Arc::new(service);
    let interval = scaled(&service, PLANNING_INTERVAL);
    tokio::spawn(every("housekeeping", interval, shutdown, move || {
        let service = service.clone();
        async move { housekeeping_once(&service).await.map(|_| ()) }
    }))
}

/// Lead time is sampled once per hour; each sample is an upsert per office and UTC hour,
/// so instances running the job in the same hour write one row, not one each.
pub const LEAD_TIME_INTERVAL: Duration = Duration::from_secs(60 * 60);

/// Samples every office's lead time to its first free slot (one store read for all).
pub async fn lead_time_once(service: &BookingService) -> anyhow::Result<usize> {
    Ok(service.sample_lead_times().await?)
}

/// Starts the lead-time sampling loop (its first tick samples at once).
pub fn spawn_lead_time(
    service: BookingService,
    shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let service = Arc::new(service);
    let interval = scaled(&service, LEAD_TIME_INTERVAL);
    tokio::spawn(every("lead_time", interval, shutdown, move || {
        let service = service.clone();
        async move { lead_time_once(&service).await.map(|_| ()) }
    }))
}

/// How often spent proofs of work are purged and the challenge counts written.
pub const POW_INTERVAL: Duration = Duration::from_secs(30);

/// Writes this instance's challenge counts and deletes the expired spent solutions.
pub async fn pow_once(pow: &crate::pow::ProofOfWork) -> anyhow::Result<u64> {
    pow.flush_counts().await?;
    Ok(pow.purge_spent().await?)
}

/// Starts the proof-of-work housekeeping loop (idempotent across instances).
pub fn spawn_pow(
    pow: Arc<crate::pow::ProofOfWork>,
    shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(every("pow", POW_INTERVAL, shutdown, move || {
        let pow = pow.clone();
        async move { pow_once(&pow).await.map(|_| ()) }
    }))
}
