//! What every agent of the fairness simulation shares: the simulated clock (the same
//! start and scale the server runs on), the server's address, the offices, the mode and
//! an HTTP client per source address (127.x.y.z: loopback has the whole /8, so each
//! simulated IP is a real source address the server's per-IP limits see).

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};

use super::mailbox::Mailbox;
use super::{Mechanism, Mode};

#[derive(Debug)]
pub struct World {
    pub base_url: String,
    /// The simulated instant at `origin`.
    pub start: DateTime<Utc>,
    pub origin: Instant,
    pub scale: u32,
    /// When the simulation stops.
    pub end: DateTime<Utc>,
    pub offices: Vec<i64>,
    pub mode: Mode,
    pub off: HashSet<Mechanism>,
    pub mailbox: Arc<Mailbox>,
    /// Set once the simulated days are over and every e-mail the server queued by then
    /// has been written and read: success is counted after it.
    pub drained: tokio::sync::watch::Receiver<bool>,
}

impl World {
    /// The simulated time now.
    pub fn now(&self) -> DateTime<Utc> {
        let real = self.origin.elapsed().saturating_mul(self.scale);
        self.start + TimeDelta::from_std(real).unwrap_or(TimeDelta::zero())
    }

    pub fn over(&self) -> bool {
        self.now() >= self.end
    }

    /// Waits until the mail of the simulated days has all been read (see `drained`).
    pub async fn mail_drained(&self) {
        let mut drained = self.drained.clone();
        let _ = drained.wait_for(|done| *done).await;
    }

    /// The real time a simulated span takes.
    pub fn real(&self, span: TimeDelta) -> Duration {
        span.to_std().unwrap_or(Duration::ZERO) / self.scale.max(1)
    }

    /// Sleeps until the simulated instant `at` (or the end, whichever is first).
    pub async fn sleep_until(&self, at: DateTime<Utc>) {
        let at = at.min(self.end);
        let now = self.now();
        if at > now {
            tokio::time::sleep(self.real(at - now)).await;
        }
    }

    /// Sleeps for a simulated span.
    pub async fn sleep(&self, span: TimeDelta) {
        self.sleep_until(self.now() + span).await;
    }

    /// Whether a fair-mode mechanism is on in this run.
    pub fn on(&self, mechanism: Mechanism) -> bool {
        self.mode == Mode::Fair && !self.off.contains(&mechanism)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

/// The simulated source addresses: people with their own IP, carrier NAT addresses and
/// the reseller's addresses each have their own 127.g.x.y block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Own(usize),
    Nat(usize),
    Reseller(usize),
}

impl Source {
    pub fn ip(self) -> IpAddr {
        let (block, n) = match self {
            Source::Own(n) => (1, n),
            Source::Nat(n) => (2, n),
            Source::Reseller(n) => (3, n),
        };
        let high = u8::try_from((n / 250) % 256).unwrap_or(0);
        let low = u8::try_from(n % 250 + 1).unwrap_or(1);
        IpAddr::V4(Ipv4Addr::new(127, block, high, low))
    }
}

/// An HTTP client whose connections leave from `source`'s address.
pub fn client(source: Source) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .local_address(source.ip())
        .pool_idle_timeout(Duration::from_secs(2))
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .build()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_map_to_distinct_loopback_addresses() {
        let mut seen = HashSet::new();
        for n in 0..2_000 {
            for source in [Source::Own(n), Source::Nat(n), Source::Reseller(n)] {
                let ip = source.ip();
                assert!(ip.is_loopback(), "{ip}");
                assert!(seen.insert(ip), "{source:?} → {ip} twice");
            }
        }
    }
}
