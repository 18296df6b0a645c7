//! Whether the mail relay answers (issue 13). When a send fails because the relay cannot
//! be reached (refused, timed out, TLS, "421 service not available"), the outbox stops
//! trying message after message: the relay is probed instead — one connection at most
//! every [`PROBE_EVERY`] — and the moment it answers, every waiting message is due at
//! once (whatever its backoff said) and the queue goes out. Time is the service's clock,
//! so tests and the simulation move it.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// While the relay is down, at most this long between two probes.
pub const PROBE_EVERY: Duration = Duration::seconds(30);

/// What this instance knows of its relay. Shared by the clones of a [`super::Mailer`].
#[derive(Debug, Default)]
pub struct RelayWatch {
    state: Mutex<State>,
}

#[derive(Debug, Default, Clone, Copy)]
struct State {
    down_since: Option<DateTime<Utc>>,
    last_probe: Option<DateTime<Utc>>,
}

impl RelayWatch {
    fn state(&self) -> State {
        *self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn update(&self, change: impl FnOnce(&mut State)) {
        change(
            &mut self
                .state
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
    }

    /// Since when the relay has not answered; `None` while it does.
    pub fn down_since(&self) -> Option<DateTime<Utc>> {
        self.state().down_since
    }

    /// A send could not reach the relay at `now`: stop sending, start probing. Logged
    /// once per outage.
    pub fn went_down(&self, now: DateTime<Utc>) {
        let mut first = false;
        self.update(|state| {
            if state.down_since.is_none() {
                first = true;
                state.down_since = Some(now);
                state.last_probe = Some(now);
            }
        });
        if first {
            tracing::warn!("the mail relay cannot be reached; probing it until it answers");
        }
    }

    /// Whether a probe is due at `now` (the relay is down and the last probe is
    /// [`PROBE_EVERY`] old).
    pub fn probe_due(&self, now: DateTime<Utc>) -> bool {
        let state = self.state();
        state.down_since.is_some()
            && state
                .last_probe
                .is_none_or(|last| now - last >= PROBE_EVERY)
    }

    /// The outcome of a probe made at `now`.
    pub fn probed(&self, now: DateTime<Utc>, answered: bool) {
        let mut outage = None;
        self.update(|state| {
            state.last_probe = Some(now);
            if answered {
                outage = state.down_since.take();
            }
        });
        if let Some(since) = outage {
            let secs = (now - since).num_seconds();
            tracing::info!(
                down_for_s = secs,
                "the mail relay answers again; the waiting mail goes out now"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap()
    }

    #[test]
    fn a_relay_that_answers_is_never_probed() {
        let watch = RelayWatch::default();
        assert_eq!(watch.down_since(), None);
        assert!(!watch.probe_due(at(0)));
        assert!(!watch.probe_due(at(3600)));
    }

    #[test]
    fn a_relay_down_is_probed_every_thirty_seconds_until_it_answers() {
        let watch = RelayWatch::default();
        watch.went_down(at(0));
        assert_eq!(watch.down_since(), Some(at(0)));
        assert!(
            !watch.probe_due(at(29)),
            "the failed send was the first probe"
        );
        assert!(watch.probe_due(at(30)));
        watch.probed(at(30), false);
        assert!(!watch.probe_due(at(59)));
        assert!(watch.probe_due(at(60)));
        // A second failure during the outage does not restart it.
        watch.went_down(at(61));
        assert_eq!(watch.down_since(), Some(at(0)));
        watch.probed(at(60), true);
        assert_eq!(watch.down_since(), None);
        assert!(!watch.probe_due(at(1000)));
    }
}
