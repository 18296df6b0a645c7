//! Proof of work instead of a captcha (SPEC §8): every public write — a booking, a
//! lookup, a draw entry, a waitlist entry — carries in its `altcha` field a solved
//! ALTCHA challenge (`GET /api/v1/challenge`), or, on a page sent without JavaScript, the
//! form's signed ticket, good only some seconds after the form was served. The work and
//! the wait grow with the form's load and the requester's rate
//! (`epasapoarte_domain::fair::pow`); each solution and each ticket is accepted once, in
//! the shared database, so a replay fails on every instance. `EPAS_RATE_LIMITS=off`
//! turns it all off (load tests).
//!
//! One guard for every form: `state.pow.accept(&solution, FormKind::…, ip).await?`.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, TimeDelta, Utc};
use epasapoarte_domain::fair::pow as rules;

use crate::clock::Clock;
use crate::config::SecretKey;
use crate::metrics::Metrics;
use crate::store::{DynStore, StoreError};

pub mod altcha;
mod load;
pub mod ticket;

pub use altcha::Challenge;

/// How long a challenge may be solved and sent: the widget fetches a new one when it
/// expires, and a form page stays open a while.
pub const CHALLENGE_TTL: TimeDelta = TimeDelta::minutes(30);
/// How long a form's ticket stays good (the booking's last page can sit open a while).
pub const TICKET_TTL: TimeDelta = TimeDelta::hours(2);

/// The protected forms; a challenge or a ticket is good for its own form only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    Booking,
    Lookup,
    DrawEntry,
    Waitlist,
}

impl FormKind {
    pub const ALL: [FormKind; 4] = [
        FormKind::Booking,
        FormKind::Lookup,
        FormKind::DrawEntry,
        FormKind::Waitlist,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::Booking => "booking",
            FormKind::Lookup => "lookup",
            FormKind::DrawEntry => "draw_entry",
            FormKind::Waitlist => "waitlist",
        }
    }

    pub fn parse(text: &str) -> Option<FormKind> {
        FormKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

/// What a write brought: the widget's (or an API client's) solution, a page's ticket, or
/// nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Solution {
    Missing,
    Altcha(String),
    Ticket(String),
}

impl Solution {
    /// From a form's `altcha` and `ticket` fields: a solution when the widget ran, else
    /// the ticket the page was served with.
    pub fn from_fields(altcha: &str, ticket: &str) -> Solution {
        match (altcha.trim(), ticket.trim()) {
            ("", "") => Solution::Missing,
            ("", ticket) => Solution::Ticket(ticket.to_owned()),
            (altcha, _) => Solution::Altcha(altcha.to_owned()),
        }
    }
}

/// Why a write was refused; each is the `challenge_required` error at the edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Missing,
    /// Not ours, tampered with, not solved, or for another form.
    Invalid,
    Expired,
    /// Already used once.
    Replayed,
    /// A ticket sent before its minimum fill time.
    TooEarly {
        wait_secs: u64,
    },
}

impl Refusal {
    /// The metric's outcome label and the catalogue key's last part.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Missing => "missing",
            Refusal::Invalid => "invalid",
            Refusal::Expired => "expired",
            Refusal::Replayed => "replayed",
            Refusal::TooEarly { .. } => "too_early",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PowError {
    #[error("proof of work refused: {}", .0.code())]
    Refused(Refusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The key that signs challenges and tickets, derived from `EPAS_SECRET_KEY` under its
/// own label; never printed.
struct PowKey([u8; 32]);

impl std::fmt::Debug for PowKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PowKey(<redacted>)")
    }
}

pub struct ProofOfWork {
    enabled: bool,
    key: PowKey,
    store: DynStore,
    clock: Arc<dyn Clock>,
    metrics: Arc<Metrics>,
    load: load::Load,
    /// Issued and rejected since the last [`ProofOfWork::flush_counts`].
    unflushed: [AtomicU64; 2],
    /// The simulation clock's speed-up (1 in production): lifetimes of challenges and
    /// tickets are budgets of real time (a device solving, a network answering), so a
    /// faster clock must not shorten them.
    time_scale: i32,
}

impl std::fmt::Debug for ProofOfWork {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProofOfWork")
            .field("enabled", &self.enabled)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl ProofOfWork {
    pub fn new(
        secret: &SecretKey,
        enabled: bool,
        store: DynStore,
        clock: Arc<dyn Clock>,
        metrics: Arc<Metrics>,
    ) -> ProofOfWork {
        ProofOfWork {
            enabled,
            key: PowKey(crate::crypto::derive(
                secret,
                b"epasapoarte proof-of-work v1",
            )),
            store,
            clock,
            metrics,
            load: load::Load::default(),
            unflushed: [AtomicU64::new(0), AtomicU64::new(0)],
            time_scale: 1,
        }
    }

    /// Under the simulation clock (`EPAS_CLOCK_SCALE`): lifetimes stay in real time.
    #[must_use]
    pub fn with_time_scale(mut self, scale: u32) -> ProofOfWork {
        self.time_scale = i32::try_from(scale.max(1)).unwrap_or(i32::MAX);
        self
    }

    /// Whether writes must carry a solution (off with `EPAS_RATE_LIMITS=off`).
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// A new challenge for `form`, as hard as the form's load and the requester's rate
    /// ask.
    pub fn challenge(&self, form: FormKind, ip: IpAddr) -> Challenge {
        let now = self.clock.now();
        let (load, recent) = self.load.record(form, ip, now.timestamp());
        let max_number = rules::max_number(load, recent);
        let expires = (now + CHALLENGE_TTL * self.time_scale).timestamp();
        self.metrics.challenge("issued");
        self.unflushed[0].fetch_add(1, Ordering::Relaxed);
        altcha::create(
            &self.key.0,
            max_number,
            &format!("expires={expires}&form={}", form.as_str()),
        )
    }

    /// The ticket a page serves with its form (counted as a request to that form).
    pub fn ticket(&self, form: FormKind) -> String {
        let now = self.clock.now();
        self.load.record_endpoint(form, now.timestamp());
        ticket::issue(&self.key.0, form.as_str(), now)
    }

    /// How long after it was served a ticket of `form` is accepted, now.
    pub fn min_fill_time(&self, form: FormKind) -> TimeDelta {
        let now = self.clock.now();
        rules::min_fill_time(self.load.endpoint(form, now.timestamp()))
    }

    /// Lets a write to `form` through if it carries a good solution or a ripe ticket,
    /// spending it (once, across all instances). Always through when turned off.
    pub async fn accept(
        &self,
        solution: &Solution,
        form: FormKind,
        _ip: IpAddr,
    ) -> Result<(), PowError> {
        if !self.enabled {
            return Ok(());
        }
        let verdict = self.check(solution, form).await;
        match &verdict {
            Ok(()) => self.metrics.challenge("accepted"),
            Err(PowError::Refused(refusal)) => {
                self.metrics.challenge("rejected");
                self.unflushed[1].fetch_add(1, Ordering::Relaxed);
                tracing::debug!(
                    form = form.as_str(),
                    reason = refusal.code(),
                    "proof of work refused"
                );
            }
            Err(PowError::Store(_)) => {}
        }
        verdict
    }

    async fn check(&self, solution: &Solution, form: FormKind) -> Result<(), PowError> {
        let now = self.clock.now();
        let (spent_hash, expires_at) = match solution {
            Solution::Missing => return Err(PowError::Refused(Refusal::Missing)),
            Solution::Altcha(text) => self.check_altcha(text, form, now)?,
            Solution::Ticket(text) => self.check_ticket(text, form, now)?,
        };
        if self.store.spend_proof(&spent_hash, expires_at).await? {
            Ok(())
        } else {
            Err(PowError::Refused(Refusal::Replayed))
        }
    }

    fn check_altcha(
        &self,
        text: &str,
        form: FormKind,
        now: DateTime<Utc>,
    ) -> Result<(Vec<u8>, DateTime<Utc>), PowError> {
        let refused = PowError::Refused;
        let payload = altcha::decode(text).ok_or(refused(Refusal::Invalid))?;
        if !altcha::verify(&self.key.0, &payload)
            || altcha::salt_param(&payload.salt, "form") != Some(form.as_str())
        {
            return Err(refused(Refusal::Invalid));
        }
        let expires_at = altcha::salt_param(&payload.salt, "expires")
            .and_then(|secs| secs.parse::<i64>().ok())
            .and_then(|secs| DateTime::from_timestamp(secs, 0))
            .ok_or(refused(Refusal::Invalid))?;
        if expires_at <= now {
            return Err(refused(Refusal::Expired));
        }
        let hash = altcha::unhex(&payload.challenge).ok_or(refused(Refusal::Invalid))?;
        Ok((hash, expires_at))
    }

    fn check_ticket(
        &self,
        text: &str,
        form: FormKind,
        now: DateTime<Utc>,
    ) -> Result<(Vec<u8>, DateTime<Utc>), PowError> {
        let refused = PowError::Refused;
        let ticket = ticket::open(&self.key.0, text).ok_or(refused(Refusal::Invalid))?;
        if ticket.form != form.as_str() {
            return Err(refused(Refusal::Invalid));
        }
        let expires_at = ticket.served_at + TICKET_TTL * self.time_scale;
        if expires_at <= now {
            return Err(refused(Refusal::Expired));
        }
        let ripe_at = ticket.served_at + self.min_fill_time(form);
        if now < ripe_at {
            let wait_secs =
                u64::try_from((ripe_at - now).num_milliseconds().max(0) / 1000 + 1).unwrap_or(1);
            return Err(refused(Refusal::TooEarly { wait_secs }));
        }
        Ok((ticket.spent_hash, expires_at))
    }

    /// Deletes spent solutions past their expiry (the `pow` job).
    pub async fn purge_spent(&self) -> Result<u64, StoreError> {
        self.store.purge_spent_proofs(self.clock.now()).await
    }

    /// Adds this instance's challenges issued and rejected since the last call to the
    /// shared daily counts of the public dashboard (kept for the next call if the store
    /// fails).
    pub async fn flush_counts(&self) -> Result<(), StoreError> {
        let issued = self.unflushed[0].swap(0, Ordering::Relaxed);
        let rejected = self.unflushed[1].swap(0, Ordering::Relaxed);
        if issued + rejected == 0 {
            return Ok(());
        }
        let day = self.clock.now().date_naive();
        let added = self.store.add_challenge_counts(day, issued, rejected).await;
        if added.is_err() {
            self.unflushed[0].fetch_add(issued, Ordering::Relaxed);
            self.unflushed[1].fetch_add(rejected, Ordering::Relaxed);
        }
        added
    }
}

#[cfg(test)]
mod tests;
