//! Public write limits (SPEC §7 "Abuse"): a token bucket per client IP for every public
//! write and another for passport-status lookups (J6), and a tighter one per e-mail
//! address for "find my appointments" so that nobody can mail-bomb an address. Buckets
//! are generous (a family behind a carrier NAT shares an IP), kept in memory per
//! instance, and swept so they cannot grow without bound.
//! `EPAS_RATE_LIMITS=off` disables them (load tests). The HTTP layer that applies the
//! per-IP buckets is `http/rate_limit.rs`; the pages and the API take the per-address one.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::crypto::{Crypto, HashPurpose};
use crate::service::input::Email;

/// A bucket: `burst` requests at once, refilled at `per_second`.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    pub burst: f64,
    pub per_second: f64,
}

/// Public writes per IP: 60 at once, then one a second (3,600 an hour) — plenty for a NAT.
pub const WRITES_PER_IP: Rate = Rate {
    burst: 60.0,
    per_second: 1.0,
};
/// Passport-status lookups (J6) per IP: 30 at once, then one every 2 seconds (30 a
/// minute) — plenty for a family, slow for anyone walking through application numbers.
pub const STATUS_LOOKUPS_PER_IP: Rate = Rate {
    burst: 30.0,
    per_second: 0.5,
};
/// Lookups per address: 3 at once, then one every 20 minutes.
pub const LOOKUPS_PER_EMAIL: Rate = Rate {
    burst: 3.0,
    per_second: 1.0 / 1200.0,
};

const MAX_KEYS: usize = 100_000;

#[derive(Debug)]
pub struct Buckets<K> {
    rate: Rate,
    buckets: Mutex<HashMap<K, (f64, Instant)>>,
}

impl<K: std::hash::Hash + Eq + Clone> Buckets<K> {
    pub fn new(rate: Rate) -> Self {
        Buckets {
            rate,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `key`; on refusal, the seconds until one is available.
    pub fn take(&self, key: &K, now: Instant) -> Result<(), u64> {
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MAX_KEYS {
            // Drop the buckets that have refilled completely: they carry no information.
            let full = Duration::from_secs_f64(self.rate.burst / self.rate.per_second);
            buckets.retain(|_, (_, at)| now.duration_since(*at) < full);
        }
        let (tokens, at) = buckets.entry(key.clone()).or_insert((self.rate.burst, now));
        let refilled = (*tokens + now.duration_since(*at).as_secs_f64() * self.rate.per_second)
            .min(self.rate.burst);
        *at = now;
        if refilled >= 1.0 {
            *tokens = refilled - 1.0;
            Ok(())
        } else {
            *tokens = refilled;
            Err(((1.0 - refilled) / self.rate.per_second).ceil() as u64)
        }
    }
}

#[derive(Debug)]
pub struct Limits {
    pub enabled: bool,
    writes: Buckets<IpAddr>,
    lookups: Buckets<Vec<u8>>,
    status_lookups: Buckets<IpAddr>,
}

impl Limits {
    pub fn new(enabled: bool) -> Limits {
        Limits::with_time_scale(enabled, 1)
    }

    /// The limits for a clock running `scale` times faster than real time
    /// (`EPAS_CLOCK_SCALE`, simulations): the buckets refill `scale` times faster, so a
    /// limit holds per simulated second as it does per real second in production.
    pub fn with_time_scale(enabled: bool, scale: u32) -> Limits {
        let scaled = |rate: Rate| Rate {
            burst: rate.burst,
            per_second: rate.per_second * f64::from(scale.max(1)),
        };
        Limits {
            enabled,
            writes: Buckets::new(scaled(WRITES_PER_IP)),
            lookups: Buckets::new(scaled(LOOKUPS_PER_EMAIL)),
            status_lookups: Buckets::new(scaled(STATUS_LOOKUPS_PER_IP)),
        }
    }

    /// Whether a lookup for this address may send an e-mail now (keyed by a keyed hash:
    /// the address itself is not kept).
    pub fn allow_lookup(&self, crypto: &Crypto, email: &Email) -> bool {
        !self.enabled
            || self
                .lookups
                .take(
                    &crypto.keyed_hash(HashPurpose::RateLimit, email.normalized().as_bytes()),
                    Instant::now(),
                )
                .is_ok()
    }

    /// Takes a public write from `ip`; on refusal, the seconds to wait.
    pub fn take_write(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        self.writes.take(&ip, now)
    }

    /// Takes a passport-status lookup from `ip`; on refusal, the seconds to wait.
    pub fn take_status_lookup(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        self.status_lookups.take(&ip, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_on_a_scaled_clock_refill_per_simulated_second() {
        // Arrange: 600 simulated seconds per real second.
        let limits = Limits::with_time_scale(true, 600);
        let ip = IpAddr::from([127, 0, 0, 9]);
        let start = Instant::now();
        for _ in 0..60 {
            assert!(limits.take_write(ip, start).is_ok());
        }
        assert!(limits.take_write(ip, start).is_err(), "the burst is spent");

        // Act: 2 real ms = 1.2 simulated seconds, one write's worth.
        let later = limits.take_write(ip, start + Duration::from_millis(2));

        // Assert
        assert!(later.is_ok());
    }

    #[test]
    fn a_bucket_allows_its_burst_then_refuses_until_it_refills() {
        let buckets = Buckets::new(Rate {
            burst: 3.0,
            per_second: 1.0,
        });
        let start = Instant::now();
        for _ in 0..3 {
            assert!(buckets.take(&1, start).is_ok());
        }
        assert_eq!(buckets.take(&1, start), Err(1));
        assert!(
            buckets.take(&2, start).is_ok(),
            "another key has its own bucket"
        );
        assert!(
            buckets
                .take(&1, start + Duration::from_millis(1100))
                .is_ok()
        );
    }
}
