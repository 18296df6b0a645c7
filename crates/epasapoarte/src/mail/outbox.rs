//! The outbox worker: claims due messages (the claim commits a lease, so no transaction
//! is open while talking to the mail server), opens and renders each one, sends it, then
//! marks it sent or schedules the next attempt with backoff. A message is never dropped:
//! delivery is at least once, and the stable `Message-ID` lets mail systems spot a
//! duplicate after a crash between sending and marking.
//!
//! Logs carry the outbox id, the kind and the attempt — never an address or a name.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

use super::{Envelope, Mail, Mailer, render_at};
use crate::config::Config;
use crate::crypto::Crypto;
use crate::ids::BookingId;
use crate::store::{Failure, OutboxItem, Store};

mod retry;
#[cfg(test)]
mod tests;

pub use retry::{LOUD_AFTER_ATTEMPTS, base_delay, message_id, retry_delay};

/// Messages claimed per round.
pub const BATCH_SIZE: u32 = 64;
/// How long a claim holds: another worker may take the message after that.
pub const LEASE_SECS: i64 = 60;
/// No new send starts after this much of the lease, so a slow server cannot make two
/// workers send the same message; the rest of the batch is released for the next round.
const SEND_BUDGET: Duration = Duration::from_secs(45);

/// What the worker needs from the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// The sender address (`EPAS_MAIL_FROM`).
    pub from: String,
    /// The public URL the links start with (`EPAS_BASE_URL`).
    pub base_url: String,
    /// The time to confirm a booking (`EPAS_CONFIRM_TIMEOUT_SECS`): it starts when the
    /// confirmation request is handed over.
    pub confirm_timeout: chrono::Duration,
}

impl MailSettings {
    pub fn from_config(config: &Config) -> MailSettings {
        MailSettings {
            from: config.mail_from.clone(),
            base_url: config.base_url.clone(),
            confirm_timeout: chrono::Duration::seconds(
                i64::try_from(config.confirm_timeout_secs).unwrap_or(1800),
            ),
        }
    }

    /// The sender's domain, for Message-IDs: `programari@epasapoarte.ro` → `epasapoarte.ro`.
    pub fn domain(&self) -> &str {
        let address = self.from.trim().trim_end_matches('>');
        match address.rsplit_once('@') {
            Some((_, domain)) if !domain.trim().is_empty() => domain.trim(),
            _ => "localhost",
        }
    }
}

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryReport {
    pub claimed: u64,
    pub sent: u64,
    pub failed: u64,
    /// Confirmation requests not sent because their booking is no longer pending.
    pub moot: u64,
    /// A send could not reach the relay: the rest of the batch waits for it to answer.
    pub relay_down: bool,
    /// A full batch was claimed: more may be due, so the caller goes again at once.
    pub batch_was_full: bool,
}

/// One round: claim up to [`BATCH_SIZE`] due messages and try each once. Fails only when
/// the claim itself fails; a message that cannot be sent or marked is logged and retried.
pub async fn deliver_due(
    store: &dyn Store,
    crypto: &Crypto,
    mailer: &Mailer,
    settings: &MailSettings,
    now: DateTime<Utc>,
) -> anyhow::Result<DeliveryReport> {
    let items = store
        .claim_outbox(now, chrono::Duration::seconds(LEASE_SECS), BATCH_SIZE)
        .await
        .context("claiming due outbox messages")?;
    let started = Instant::now();
    let mut report = DeliveryReport {
        claimed: items.len() as u64,
        batch_was_full: items.len() >= BATCH_SIZE as usize,
        ..DeliveryReport::default()
    };
    // A booking's time to confirm starts now, as its request is handed over (issue 13);
    // a request whose booking is no longer pending is not sent at all.
    let deadlines = confirm_windows(store, &items, now + settings.confirm_timeout).await?;
    let (items, moot): (Vec<&OutboxItem>, Vec<&OutboxItem>) = items
        .iter()
        .partition(|item| item.booking_id.is_none() || deadlines.contains_key(&item.id));
    if !moot.is_empty() {
        let ids: Vec<i64> = moot.iter().map(|item| item.id).collect();
        store
            .mark_moot(&ids, "not sent: the booking is no longer pending", now)
            .await
            .context("closing confirmation requests of bookings no longer pending")?;
        report.moot = ids.len() as u64;
        tracing::info!(
            count = ids.len(),
            "confirmation requests not sent: their bookings are no longer pending"
        );
    }
    // Sent messages are marked in groups, not one transaction each: on PostgreSQL every
    // commit waits for a WAL flush, and one per e-mail halved the bookings a server could
    // take while mail went out. A group is written at least every second, so a crash
    // re-sends at most that second's messages (under the same Message-ID: SPEC §7 accepts
    // at-least-once delivery).
    let mut sent = SentMarks::new(now);
    // Over SMTP several at once (see `Mailer::parallel_sends`): one at a time, each send's
    // round trips to the relay would set the pace. Marks are still written in groups.
    let parallel = mailer.parallel_sends();
    let job = SendJob {
        crypto,
        mailer,
        settings,
        store,
        now,
        started,
        deadlines: &deadlines,
    };
    let mut waiting = items.into_iter();
    let mut sends = FuturesUnordered::new();
    loop {
        while sends.len() < parallel
            && !report.relay_down
            && let Some(item) = waiting.next()
        {
            sends.push(job.run(item));
        }
        let Some((id, outcome)) = sends.next().await else {
            break;
        };
        match outcome {
            Sent::Yes => {
                report.sent += 1;
                sent.push(id);
                if sent.due() {
                    sent.flush(store).await;
                }
            }
            Sent::No { relay_down } => {
                report.failed += 1;
                report.relay_down |= relay_down;
            }
            Sent::NotAttempted => {}
        }
    }
    sent.flush(store).await;
    // The relay is down: the rest of the batch was not tried, and is due again as soon
    // as a probe finds the relay answering (see `super::relay`).
    for item in waiting {
        let why = Failure {
            error: "not attempted: the relay could not be reached",
            undeliverable: false,
        };
        mark_failed(store, item, why, now).await;
    }
    Ok(report)
}

/// Starts the time to confirm of the claimed confirmation requests' bookings (one
/// statement); returns each still pending request's deadline by outbox id.
async fn confirm_windows(
    store: &dyn Store,
    items: &[OutboxItem],
    until: DateTime<Utc>,
) -> anyhow::Result<HashMap<i64, DateTime<Utc>>> {
    let bookings: Vec<BookingId> = items
        .iter()
        .filter_map(|item| item.booking_id.clone())
        .collect();
    if bookings.is_empty() {
        return Ok(HashMap::new());
    }
    let pending: HashMap<BookingId, DateTime<Utc>> = store
        .start_confirm_windows(&bookings, until)
        .await
        .context("starting the time to confirm of the bookings being mailed")?
        .into_iter()
        .collect();
    Ok(items
        .iter()
        .filter_map(|item| {
            let deadline = pending.get(item.booking_id.as_ref()?)?;
            Some((item.id, *deadline))
        })
        .collect())
}

/// One claimed message's send, with what it needs (an `async fn`: a closure over the
/// batch made the delivery job's future not `Send` for every lifetime).
#[derive(Clone, Copy)]
struct SendJob<'a> {
    crypto: &'a Crypto,
    mailer: &'a Mailer,
    settings: &'a MailSettings,
    store: &'a dyn Store,
    now: DateTime<Utc>,
    started: Instant,
    /// The deadline to print in each confirmation request, by outbox id.
    deadlines: &'a HashMap<i64, DateTime<Utc>>,
}

impl SendJob<'_> {
    async fn run(self, item: &OutboxItem) -> (i64, Sent) {
        if self.started.elapsed() > SEND_BUDGET {
            // Due again at once, for the next round (the lease would free it later anyway).
            let why = Failure {
                error: "not attempted: the round ran out of time",
                undeliverable: false,
            };
            mark_failed(self.store, item, why, self.now).await;
            return (item.id, Sent::NotAttempted);
        }
        let outcome = deliver_one(&self, item).await;
        (item.id, outcome)
    }
}

/// What became of one claimed message.
enum Sent {
    Yes,
    No { relay_down: bool },
    NotAttempted,
}

/// Ids of sent messages waiting to be marked, and since when.
struct SentMarks {
    ids: Vec<i64>,
    since: Instant,
    now: DateTime<Utc>,
}

impl SentMarks {
    const MAX_WAIT: Duration = Duration::from_secs(1);

    fn new(now: DateTime<Utc>) -> Self {
        SentMarks {
            ids: Vec::new(),
            since: Instant::now(),
            now,
        }
    }

    fn push(&mut self, id: i64) {
        if self.ids.is_empty() {
            self.since = Instant::now();
        }
        self.ids.push(id);
    }

    fn due(&self) -> bool {
        self.since.elapsed() >= Self::MAX_WAIT
    }

    async fn flush(&mut self, store: &dyn Store) {
        if self.ids.is_empty() {
            return;
        }
        if let Err(error) = store.mark_sent(&self.ids, self.now).await {
            tracing::error!(count = self.ids.len(), %error, "mail sent but not marked: it will be sent again");
        }
        self.ids.clear();
    }
}

/// Opens, renders and sends one message, marking a failure (the caller marks it sent).
async fn deliver_one(job: &SendJob<'_>, item: &OutboxItem) -> Sent {
    let (store, now) = (job.store, job.now);
    let (id, kind, attempt) = (item.id, item.kind.as_str(), item.attempts);
    let Some(mut mail) = open(job.crypto, &item.payload) else {
        // A key change or a bug: visible to admins, retried rarely, never dropped.
        tracing::error!(
            outbox_id = id,
            kind,
            attempt,
            "outbox payload cannot be opened"
        );
        let next = now + retry_delay(u32::MAX);
        let why = Failure {
            error: "unreadable payload",
            undeliverable: true,
        };
        mark_failed(store, item, why, next).await;
        return Sent::No { relay_down: false };
    };
    if let (Mail::ConfirmRequest { expires_at, .. }, Some(deadline)) =
        (&mut mail, job.deadlines.get(&id))
    {
        *expires_at = *deadline;
    }
    let rendered = render_at(&mail, &job.settings.base_url, Some(item.created_at));
    let envelope = Envelope {
        from: job.settings.from.clone(),
        to: mail.to().to_owned(),
        message_id: message_id(id, item.created_at, job.settings.domain()),
        outbox_id: id,
        created_at: item.created_at,
    };
    match job.mailer.send(&envelope, &rendered).await {
        Ok(()) => {
            tracing::info!(
                outbox_id = id,
                kind,
                attempt,
                transport = job.mailer.name(),
                "mail sent"
            );
            Sent::Yes
        }
        Err(error) => {
            let delay = retry_delay(attempt);
            if attempt >= LOUD_AFTER_ATTEMPTS {
                tracing::error!(outbox_id = id, kind, attempt, %error, "mail still undelivered");
            } else {
                tracing::warn!(outbox_id = id, kind, attempt, %error, "mail not delivered; will retry");
            }
            let text = error.to_string();
            let why = Failure {
                error: &text,
                undeliverable: error.undeliverable(),
            };
            mark_failed(store, item, why, now + delay).await;
            Sent::No {
                relay_down: error.relay_unreachable(),
            }
        }
    }
}

fn open(crypto: &Crypto, sealed: &[u8]) -> Option<Mail> {
    let plain = crypto.open(sealed).ok()?;
    serde_json::from_slice(&plain).ok()
}

async fn mark_failed(store: &dyn Store, item: &OutboxItem, why: Failure<'_>, next: DateTime<Utc>) {
    if let Err(failure) = store.mark_failed(item.id, why, next).await {
        // The lease runs out on its own, so the message is retried all the same.
        tracing::error!(outbox_id = item.id, kind = %item.kind, error = %failure, "could not record a delivery failure");
    }
}
