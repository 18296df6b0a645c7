//! Prometheus metrics (SPEC §7: requests, bookings by outcome, outbox depth, expiry lag),
//! kept as plain atomics and rendered in the text exposition format at `/metrics`.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct Metrics {
    /// (route, method, status class) → count.
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    bookings: Mutex<BTreeMap<&'static str, u64>>,
    expired_total: AtomicU64,
    /// When the expiry job last completed (Unix ms): how stale "expired" can be.
    expiry_last_run_ms: AtomicU64,
    mail_sent_total: AtomicU64,
    mail_failed_total: AtomicU64,
    rate_limited_total: AtomicU64,
}

impl Metrics {
    pub fn request(&self, route: &str, method: &str, status: u16) {
        let mut requests = self
            .requests
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *requests
            .entry((route.to_owned(), method.to_owned(), status))
            .or_default() += 1;
    }

    pub fn booking_outcome(&self, outcome: &'static str) {
        let mut bookings = self
            .bookings
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *bookings.entry(outcome).or_default() += 1;
    }

    pub fn expiry_ran(&self, expired: u64, at_ms: u64) {
        self.expired_total.fetch_add(expired, Ordering::Relaxed);
        self.expiry_last_run_ms.store(at_ms, Ordering::Relaxed);
    }

    pub fn mail(&self, sent: u64, failed: u64) {
        self.mail_sent_total.fetch_add(sent, Ordering::Relaxed);
        self.mail_failed_total.fetch_add(failed, Ordering::Relaxed);
    }

    pub fn rate_limited(&self) {
        self.rate_limited_total.fetch_add(1, Ordering::Relaxed);
    }

    /// The exposition text; `outbox_depth` is read from the store at scrape time.
    pub fn render(&self, outbox_depth: Option<u64>, now_ms: u64) -> String {
        let last_expiry = self.expiry_last_run_ms.load(Ordering::Relaxed);
        let expiry_lag = if last_expiry == 0 {
            0
        } else {
            now_ms.saturating_sub(last_expiry)
        };
        let mut out = String::new();
        out.push_str(
            "# HELP epas_http_requests_total HTTP requests by route, method and status.\n",
        );
        out.push_str("# TYPE epas_http_requests_total counter\n");
        for ((route, method, status), count) in self
            .requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "epas_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {count}"
            );
        }
        out.push_str("# HELP epas_bookings_total Booking operations by outcome.\n# TYPE epas_bookings_total counter\n");
        for (outcome, count) in self
            .bookings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
        {
            let _ = writeln!(out, "epas_bookings_total{{outcome=\"{outcome}\"}} {count}");
        }
        let gauges = [
            (
                "epas_bookings_expired_total",
                "counter",
                "Pending bookings expired by this instance.",
                self.expired_total.load(Ordering::Relaxed),
            ),
            (
                "epas_expiry_lag_milliseconds",
                "gauge",
                "Time since the expiry job last ran: the most a lapsed booking can still hold seats.",
                expiry_lag,
            ),
            (
                "epas_mail_sent_total",
                "counter",
                "E-mails delivered by this instance.",
                self.mail_sent_total.load(Ordering::Relaxed),
            ),
            (
                "epas_mail_failed_total",
                "counter",
                "E-mail delivery attempts that failed (retried later).",
                self.mail_failed_total.load(Ordering::Relaxed),
            ),
            (
                "epas_rate_limited_total",
                "counter",
                "Requests refused by the rate limiter.",
                self.rate_limited_total.load(Ordering::Relaxed),
            ),
        ];
        for (name, kind, help, value) in gauges {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
            );
        }
        if let Some(depth) = outbox_depth {
            let _ = writeln!(
                out,
                "# HELP epas_outbox_depth E-mails waiting to be sent.\n# TYPE epas_outbox_depth gauge\nepas_outbox_depth {depth}"
            );
        }
        out
    }
}
