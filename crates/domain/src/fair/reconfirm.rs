//! Reconfirmation of far-ahead bookings: who is asked, when the e-mail goes out, the
//! deadline (`EPAS_RECONFIRM_BEFORE_SECS`, `EPAS_RECONFIRM_WINDOW_SECS`), and lapsing.

use chrono::{DateTime, TimeDelta, Utc};

/// Reconfirmation is on but its window is zero: nobody could ever reconfirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("EPAS_RECONFIRM_WINDOW_SECS must be at least 1 when EPAS_RECONFIRM_BEFORE_SECS is not 0")]
pub struct ReconfirmPolicyError;

/// When to ask for reconfirmation and how long to wait for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReconfirmPolicy {
    /// How long before the appointment the request goes out: 7 days; zero turns
    /// reconfirmation off.
    pub before: TimeDelta,
    /// How long the citizen has to answer: 48 hours.
    pub window: TimeDelta,
}

impl Default for ReconfirmPolicy {
    fn default() -> Self {
        Self {
            before: TimeDelta::days(7),
            window: TimeDelta::hours(48),
        }
    }
}

impl ReconfirmPolicy {
    /// The policy from the two settings, in seconds (`before_secs` 0 = off).
    pub fn from_secs(before_secs: u32, window_secs: u32) -> Result<Self, ReconfirmPolicyError> {
        if before_secs > 0 && window_secs == 0 {
            return Err(ReconfirmPolicyError);
        }
        Ok(Self {
            before: TimeDelta::seconds(i64::from(before_secs)),
            window: TimeDelta::seconds(i64::from(window_secs)),
        })
    }

    /// Whether reconfirmation is asked at all.
    #[must_use]
    pub fn is_on(&self) -> bool {
        self.before > TimeDelta::zero()
    }

    /// Whether a booking confirmed at `confirmed_at` for `starts_at` must be reconfirmed:
    /// the appointment was more than `before` ahead then.
    #[must_use]
    pub fn needs_reconfirmation(
        &self,
        confirmed_at: DateTime<Utc>,
        starts_at: DateTime<Utc>,
    ) -> bool {
        self.is_on() && starts_at - confirmed_at > self.before
    }

    /// When the request is sent: `before` ahead of the appointment.
    #[must_use]
    pub fn request_at(&self, starts_at: DateTime<Utc>) -> DateTime<Utc> {
        starts_at
            .checked_sub_signed(self.before)
            .unwrap_or(starts_at)
    }

    /// Whether the request is due at `now` (the shell sends each request once).
    #[must_use]
    pub fn request_due(&self, starts_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        self.is_on() && now >= self.request_at(starts_at)
    }

    /// The answer's deadline for a request sent at `sent_at`: `window` later, but never
    /// after the appointment starts.
    #[must_use]
    pub fn deadline(&self, sent_at: DateTime<Utc>, starts_at: DateTime<Utc>) -> DateTime<Utc> {
        let nominal = sent_at.checked_add_signed(self.window).unwrap_or(starts_at);
        nominal.min(starts_at)
    }
}

/// Whether a request with deadline `reconfirm_by` has lapsed at `now`: not reconfirmed and
/// the deadline reached (the booking is then cancelled and its seats released).
#[must_use]
pub fn has_lapsed(
    reconfirm_by: DateTime<Utc>,
    reconfirmed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    reconfirmed_at.is_none() && now >= reconfirm_by
}

#[cfg(test)]
mod tests;
