//! What the difficulty grows with (`epasapoarte_domain::fair::pow`): each form's requests
//! in the last minute (challenges and tickets served, all requesters) and each
//! requester's in the current minute. Kept in memory per instance: behind a load balancer
//! each instance sees its share of the load, which is the load it has to bear.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use super::FormKind;

/// A minute, in one-second buckets.
const SECONDS: usize = 60;
/// Requesters remembered at most; beyond it the previous minutes' are dropped.
const MAX_REQUESTERS: usize = 100_000;

#[derive(Debug, Default)]
pub struct Load {
    forms: Mutex<HashMap<FormKind, [(i64, u32); SECONDS]>>,
    /// Per requester: (minute, requests in it).
    requesters: Mutex<HashMap<IpAddr, (i64, u32)>>,
}

impl Load {
    /// Counts one request for `form` from `ip` at `now_secs` (Unix seconds); returns the
    /// form's requests in the last minute and the requester's in this one, both counting it.
    pub fn record(&self, form: FormKind, ip: IpAddr, now_secs: i64) -> (u32, u32) {
        let endpoint = self.record_endpoint(form, now_secs);
        let minute = now_secs.div_euclid(60);
        let mut requesters = lock(&self.requesters);
        if requesters.len() >= MAX_REQUESTERS {
            requesters.retain(|_, (at, _)| *at == minute);
        }
        let entry = requesters.entry(ip).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        entry.1 = entry.1.saturating_add(1);
        (endpoint, entry.1)
    }

    /// Counts one request for `form`; returns the form's requests in the last minute.
    pub fn record_endpoint(&self, form: FormKind, now_secs: i64) -> u32 {
        let mut forms = lock(&self.forms);
        let ring = forms.entry(form).or_insert([(0, 0); SECONDS]);
        let slot = &mut ring[now_secs.rem_euclid(SECONDS as i64) as usize];
        if slot.0 != now_secs {
            *slot = (now_secs, 0);
        }
        slot.1 = slot.1.saturating_add(1);
        sum(ring, now_secs)
    }

    /// The form's requests in the last minute, without counting one.
    pub fn endpoint(&self, form: FormKind, now_secs: i64) -> u32 {
        lock(&self.forms)
            .get(&form)
            .map_or(0, |ring| sum(ring, now_secs))
    }
}

fn sum(ring: &[(i64, u32); SECONDS], now_secs: i64) -> u32 {
    ring.iter()
        .filter(|(at, _)| now_secs - *at < SECONDS as i64 && *at <= now_secs)
        .fold(0u32, |total, (_, count)| total.saturating_add(*count))
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
