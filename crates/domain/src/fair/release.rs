//! When freed seats no waiting family took turn public again: after a uniformly random
//! delay (`EPAS_RELEASE_DELAY`), so a seller cannot time a hand-over, but never later than
//! two hours before the slot.

use std::str::FromStr;

use chrono::{DateTime, TimeDelta, Utc};

/// Seats are public at the latest this long before their slot starts.
pub const RELEASE_BEFORE_SLOT: TimeDelta = TimeDelta::hours(2);

/// `EPAS_RELEASE_DELAY` was not `MIN-MAX` whole seconds with MIN ≤ MAX.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "EPAS_RELEASE_DELAY must be MIN-MAX seconds with MIN <= MAX, e.g. 900-10800 or 0-0; got {0:?}"
)]
pub struct ReleaseDelayError(pub String);

/// The range the random release delay is drawn from, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReleaseDelay {
    pub min: TimeDelta,
    pub max: TimeDelta,
}

impl Default for ReleaseDelay {
    /// 15 minutes to 3 hours.
    fn default() -> Self {
        Self {
            min: TimeDelta::minutes(15),
            max: TimeDelta::hours(3),
        }
    }
}

impl FromStr for ReleaseDelay {
    type Err = ReleaseDelayError;

    /// Parses `MIN-MAX` in seconds (`0-0`: at once).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ReleaseDelayError(text.to_owned());
        let secs = |part: &str| {
            let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
            digits
                .then(|| part.parse::<u32>().ok())
                .flatten()
                .ok_or_else(error)
        };
        let (min, max) = text.split_once('-').ok_or_else(error)?;
        let (min, max) = (secs(min)?, secs(max)?);
        if max < min {
            return Err(error());
        }
        Ok(Self {
            min: TimeDelta::seconds(i64::from(min)),
            max: TimeDelta::seconds(i64::from(max)),
        })
    }
}

impl ReleaseDelay {
    /// The delay picked by `random`: `min + random mod (max − min + 1)` whole seconds, so
    /// uniform over the range for a uniform `random` (the bias of the modulo is below
    /// 2⁻³¹ since the range fits in a `u32`). An inverted range counts as `min`.
    #[must_use]
    pub fn pick(&self, random: u64) -> TimeDelta {
        let span = (self.max - self.min).num_seconds();
        let Ok(span) = u64::try_from(span) else {
            return self.min;
        };
        let extra = random % (span + 1);
        self.min + TimeDelta::seconds(i64::try_from(extra).unwrap_or(0))
    }
}

/// When seats freed at `freed_at` for a slot starting at `starts_at` become public: after
/// the delay `random` picks, capped at two hours before the slot; at once (`freed_at`) when
/// that cap has already passed.
#[must_use]
pub fn release_at(
    freed_at: DateTime<Utc>,
    starts_at: DateTime<Utc>,
    delay: &ReleaseDelay,
    random: u64,
) -> DateTime<Utc> {
    let latest = starts_at
        .checked_sub_signed(RELEASE_BEFORE_SLOT)
        .unwrap_or(freed_at);
    let delayed = freed_at
        .checked_add_signed(delay.pick(random))
        .unwrap_or(latest);
    delayed.min(latest).max(freed_at)
}

#[cfg(test)]
mod tests;
