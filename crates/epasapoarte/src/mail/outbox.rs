//! The outbox worker: claims due messages (the claim commits a lease, so no transaction
//! is open while talking to the mail server), opens and renders each one, sends it, then
//! marks it sent or schedules the next attempt with backoff. A message is never dropped:
//! delivery is at least once, and the stable `Message-ID` lets mail systems spot a
//! duplicate after a crash between sending and marking.
//!
//! Logs carry the outbox id, the kind and the attempt — never an address or a name.

use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

use super::{Envelope, Mail, Mailer, render_at};
use crate::config::Config;
use crate::crypto::Crypto;
use crate::store::{OutboxItem, Store};

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
}

impl MailSettings {
    pub fn from_config(config: &Config) -> MailSettings {
        MailSettings {
            from: config.mail_from.clone(),
            base_url: config.base_url.clone(),
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
    };
    let mut waiting = items.iter();
    let mut sends = FuturesUnordered::new();
    loop {
        while sends.len() < parallel
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
            Sent::No => report.failed += 1,
            Sent::NotAttempted => {}
        }
    }
    sent.flush(store).await;
    Ok(report)
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
}

impl SendJob<'_> {
    async fn run(self, item: &OutboxItem) -> (i64, Sent) {
        if self.started.elapsed() > SEND_BUDGET {
            // Due again at once, for the next round (the lease would free it later anyway).
            let why = "not attempted: the round ran out of time";
            mark_failed(self.store, item, why, self.now).await;
            return (item.id, Sent::NotAttempted);
        }
        let sent = deliver_one(
            self.crypto,
            self.mailer,
            self.settings,
            self.store,
            item,
            self.now,
        )
        .await;
        (item.id, if sent { Sent::Yes } else { Sent::No })
    }
}

/// What became of one claimed message.
enum Sent {
    Yes,
    No,
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

/// Opens, renders and sends one message, marking a failure; true when it was handed over
/// (the caller marks it sent).
async fn deliver_one(
    crypto: &Crypto,
    mailer: &Mailer,
    settings: &MailSettings,
    store: &dyn Store,
    item: &OutboxItem,
    now: DateTime<Utc>,
) -> bool {
    let (id, kind, attempt) = (item.id, item.kind.as_str(), item.attempts);
    let Some(mail) = open(crypto, &item.payload) else {
        // A key change or a bug: visible to admins, retried rarely, never dropped.
        tracing::error!(
            outbox_id = id,
            kind,
            attempt,
            "outbox payload cannot be opened"
        );
        let next = now + retry_delay(u32::MAX);
        mark_failed(store, item, "unreadable payload", next).await;
        return false;
    };
    let rendered = render_at(&mail, &settings.base_url, Some(item.created_at));
    let envelope = Envelope {
        from: settings.from.clone(),
        to: mail.to().to_owned(),
        message_id: message_id(id, item.created_at, settings.domain()),
        outbox_id: id,
        created_at: item.created_at,
    };
    match mailer.send(&envelope, &rendered).await {
        Ok(()) => {
            tracing::info!(
                outbox_id = id,
                kind,
                attempt,
                transport = mailer.name(),
                "mail sent"
            );
            true
        }
        Err(error) => {
            let delay = retry_delay(attempt);
            if attempt >= LOUD_AFTER_ATTEMPTS {
                tracing::error!(outbox_id = id, kind, attempt, %error, "mail still undelivered");
            } else {
                tracing::warn!(outbox_id = id, kind, attempt, %error, "mail not delivered; will retry");
            }
            mark_failed(store, item, &error.to_string(), now + delay).await;
            false
        }
    }
}

fn open(crypto: &Crypto, sealed: &[u8]) -> Option<Mail> {
    let plain = crypto.open(sealed).ok()?;
    serde_json::from_slice(&plain).ok()
}

async fn mark_failed(store: &dyn Store, item: &OutboxItem, error: &str, next: DateTime<Utc>) {
    if let Err(failure) = store.mark_failed(item.id, error, next).await {
        // The lease runs out on its own, so the message is retried all the same.
        tracing::error!(outbox_id = item.id, kind = %item.kind, error = %failure, "could not record a delivery failure");
    }
}
