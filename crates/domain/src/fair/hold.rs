//! A waiting family's hold on freed seats: how long it lasts (shorter as the appointment
//! nears, `EPAS_HOLD_SECS`), when it ends, and which family gets the seats next.

mod matching;

use std::str::FromStr;

use chrono::{DateTime, TimeDelta, Utc};

pub use matching::{FreedSeat, WaitingFamily, matches, next_family};

/// `EPAS_HOLD_SECS` was not three positive whole seconds `LONG/MEDIUM/SHORT`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "EPAS_HOLD_SECS must be three positive seconds LONG/MEDIUM/SHORT, e.g. 43200/10800/1800; got {0:?}"
)]
pub struct HoldPolicyError(pub String);

/// How long a family may take to accept a hold, by how far away the appointment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HoldPolicy {
    /// The appointment is more than 3 days (72 h) away: 12 h by default.
    pub long: TimeDelta,
    /// It is 24 h to 72 h away: 3 h by default.
    pub medium: TimeDelta,
    /// It is less than 24 h away: 30 min by default.
    pub short: TimeDelta,
}

impl Default for HoldPolicy {
    fn default() -> Self {
        Self {
            long: TimeDelta::hours(12),
            medium: TimeDelta::hours(3),
            short: TimeDelta::minutes(30),
        }
    }
}

impl HoldPolicy {
    /// The hold's nominal length when offered at `offered_at` for a slot at `starts_at`.
    /// "Days" are 24-hour spans, not calendar days.
    #[must_use]
    pub fn length(&self, offered_at: DateTime<Utc>, starts_at: DateTime<Utc>) -> TimeDelta {
        let ahead = starts_at - offered_at;
        if ahead > TimeDelta::days(3) {
            self.long
        } else if ahead >= TimeDelta::days(1) {
            self.medium
        } else {
            self.short
        }
    }

    /// When the hold ends: after its [`length`](Self::length), but never after the slot
    /// starts (a seat nobody can use any more is no hold). No margin before the start:
    /// the booking path already refuses slots that have started.
    #[must_use]
    pub fn hold_until(&self, offered_at: DateTime<Utc>, starts_at: DateTime<Utc>) -> DateTime<Utc> {
        let nominal = offered_at
            .checked_add_signed(self.length(offered_at, starts_at))
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        nominal.min(starts_at).max(offered_at)
    }
}

impl FromStr for HoldPolicy {
    type Err = HoldPolicyError;

    /// Parses `LONG/MEDIUM/SHORT` in seconds, each at least 1.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || HoldPolicyError(text.to_owned());
        let seconds = text
            .split('/')
            .map(|part| match part.parse::<u32>() {
                Ok(secs) if secs > 0 && part.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(TimeDelta::seconds(i64::from(secs)))
                }
                _ => Err(error()),
            })
            .collect::<Result<Vec<_>, _>>()?;
        match seconds[..] {
            [long, medium, short] => Ok(Self {
                long,
                medium,
                short,
            }),
            _ => Err(error()),
        }
    }
}

#[cfg(test)]
mod tests;
