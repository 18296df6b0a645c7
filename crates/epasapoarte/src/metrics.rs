//! Prometheus metrics for operators (SPEC §7), with the Prometheus project's own client:
//! request counts and latency histograms by route template and outcome, bookings by
//! outcome, expiry and its lag, mail delivery, the outbox's depth and the age of its
//! oldest waiting message, rate-limit refusals. Labels carry route templates and codes,
//! never a raw path, a token or personal data.

use std::sync::atomic::{AtomicU64, Ordering};

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::store::OutboxDepth;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LatencyLabels {
    route: String,
    method: String,
    /// `2xx`, `3xx`, `4xx` or `5xx`.
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: &'static str,
}

#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<LatencyLabels, Histogram>,
    bookings: Family<OutcomeLabels, Counter>,
    expired: Counter,
    /// When the expiry job last completed (Unix ms): how stale "expired" can be.
    expiry_last_run_ms: AtomicU64,
    expiry_lag_ms: Gauge,
    mail_sent: Counter,
    mail_failed: Counter,
    rate_limited: Counter,
    challenges: Family<OutcomeLabels, Counter>,
    outbox_depth: Gauge,
    outbox_oldest_age: Gauge,
    outbox_failing: Gauge,
    outbox_undeliverable: Gauge,
    relay_up: Gauge,
}

/// Latency buckets: 0.5 ms doubling to ~16 s (a booking takes milliseconds; the request
/// timeout is 15 s).
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.0005, 2.0, 16))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut metrics = Metrics {
            registry: Registry::default(),
            requests: Family::default(),
            latency: Family::new_with_constructor(latency_histogram as fn() -> Histogram),
            bookings: Family::default(),
            expired: Counter::default(),
            expiry_last_run_ms: AtomicU64::new(0),
            expiry_lag_ms: Gauge::default(),
            mail_sent: Counter::default(),
            mail_failed: Counter::default(),
            rate_limited: Counter::default(),
            challenges: Family::default(),
            outbox_depth: Gauge::default(),
            outbox_oldest_age: Gauge::default(),
            outbox_failing: Gauge::default(),
            outbox_undeliverable: Gauge::default(),
            relay_up: Gauge::default(),
        };
        // Until a send or a probe says otherwise, the relay is taken to answer.
        metrics.relay_up.set(1);
        // Each metric is registered as a handle onto the same series the methods update.
        let registry = &mut metrics.registry;
        registry.register(
            "epas_http_requests",
            "HTTP requests by route template, method and status",
            metrics.requests.clone(),
        );
        registry.register(
            "epas_http_request_duration_seconds",
            "HTTP request latency by route template, method and outcome (status class)",
            metrics.latency.clone(),
        );
        registry.register(
            "epas_bookings",
            "Booking operations by outcome",
            metrics.bookings.clone(),
        );
        registry.register(
            "epas_bookings_expired",
            "Pending bookings expired by this instance",
            metrics.expired.clone(),
        );
        registry.register(
            "epas_expiry_lag_milliseconds",
            "Time since the expiry job last ran: the most a lapsed booking can still hold seats",
            metrics.expiry_lag_ms.clone(),
        );
        registry.register(
            "epas_mail_sent",
            "E-mails delivered by this instance",
            metrics.mail_sent.clone(),
        );
        registry.register(
            "epas_mail_failed",
            "E-mail delivery attempts that failed (retried later)",
            metrics.mail_failed.clone(),
        );
        registry.register(
            "epas_rate_limited",
            "Requests refused by the rate limiter",
            metrics.rate_limited.clone(),
        );
        registry.register(
            "epas_challenges",
            "Proof-of-work challenges issued, and writes accepted or rejected by their solution",
            metrics.challenges.clone(),
        );
        registry.register(
            "epas_outbox_depth",
            "E-mails waiting to be sent (all instances)",
            metrics.outbox_depth.clone(),
        );
        registry.register(
            "epas_outbox_oldest_age_seconds",
            "How long the oldest e-mail still waiting has waited (0 when none waits)",
            metrics.outbox_oldest_age.clone(),
        );
        registry.register(
            "epas_outbox_failing",
            "E-mails waiting whose last attempt failed (all instances)",
            metrics.outbox_failing.clone(),
        );
        registry.register(
            "epas_outbox_undeliverable",
            "E-mails waiting that the relay refused for good or that cannot be opened",
            metrics.outbox_undeliverable.clone(),
        );
        registry.register(
            "epas_mail_relay_up",
            "1 while this instance's mail relay answers, 0 while it is probed after a failure",
            metrics.relay_up.clone(),
        );
        metrics
    }
}

/// `2xx`…`5xx`: the outcome label of the latency histogram.
fn outcome(status: u16) -> &'static str {
    match status {
        ..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

impl Metrics {
    /// One request answered: counted by status, timed by outcome.
    pub fn request(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                route: route.to_owned(),
                method: method.to_owned(),
                status,
            })
            .inc();
        self.latency
            .get_or_create(&LatencyLabels {
                route: route.to_owned(),
                method: method.to_owned(),
                outcome: outcome(status),
            })
            .observe(seconds);
    }

    pub fn booking_outcome(&self, outcome: &'static str) {
        self.bookings
            .get_or_create(&OutcomeLabels { outcome })
            .inc();
    }

    pub fn expiry_ran(&self, expired: u64, at_ms: u64) {
        self.expired.inc_by(expired);
        self.expiry_last_run_ms.store(at_ms, Ordering::Relaxed);
    }

    pub fn mail(&self, sent: u64, failed: u64) {
        self.mail_sent.inc_by(sent);
        self.mail_failed.inc_by(failed);
    }

    /// Whether this instance's relay answered its last send or probe.
    pub fn relay_up(&self, up: bool) {
        self.relay_up.set(i64::from(up));
    }

    pub fn rate_limited(&self) {
        self.rate_limited.inc();
    }

    /// A challenge `issued`, or a write's solution `accepted` or `rejected`.
    pub fn challenge(&self, outcome: &'static str) {
        self.challenges
            .get_or_create(&OutcomeLabels { outcome })
            .inc();
    }

    /// This instance's challenges issued and rejected so far.
    pub fn challenge_totals(&self) -> (u64, u64) {
        let count = |outcome| {
            self.challenges
                .get_or_create(&OutcomeLabels { outcome })
                .get()
        };
        (count("issued"), count("rejected"))
    }

    /// The exposition text (OpenMetrics); the outbox is read from the store at scrape
    /// time (`None` when the store did not answer: its gauges keep their last values).
    pub fn render(&self, outbox: Option<OutboxDepth>, now_ms: u64) -> String {
        let last_expiry = self.expiry_last_run_ms.load(Ordering::Relaxed);
        let lag = if last_expiry == 0 {
            0
        } else {
            now_ms.saturating_sub(last_expiry)
        };
        self.expiry_lag_ms.set(gauge_value(lag));
        if let Some(outbox) = outbox {
            self.outbox_depth.set(gauge_value(outbox.waiting));
            let age_ms = outbox.oldest_queued_at.map_or(0, |at| {
                now_ms.saturating_sub(u64::try_from(at.timestamp_millis()).unwrap_or(0))
            });
            self.outbox_oldest_age.set(gauge_value(age_ms / 1000));
            self.outbox_failing.set(gauge_value(outbox.failing));
            self.outbox_undeliverable
                .set(gauge_value(outbox.undeliverable));
        }
        let mut out = String::new();
        if prometheus_client::encoding::text::encode(&mut out, &self.registry).is_err() {
            // Writing into a String cannot fail; should the encoder ever refuse, an empty
            // page (with the scrape's own error) beats a panic in the operator's endpoint.
            out.clear();
        }
        out
    }
}

fn gauge_value(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// The content type of [`Metrics::render`]'s text.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[cfg(test)]
mod tests;
