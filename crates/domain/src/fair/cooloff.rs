//! The no-show cool-off: how long a CNP marked no-show may not book or enter a draw
//! (`EPAS_NO_SHOW_COOLOFF_DAYS`; three times as long for a repeat within a year), and
//! when staff may still undo the mark (the same office-local day).

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;

use super::wall::local_date;

/// A no-show repeats an earlier one marked at most this long before it.
pub const REPEAT_WITHIN: TimeDelta = TimeDelta::days(365);

/// A repeated no-show blocks this many times longer than a first one.
pub const REPEAT_FACTOR: i32 = 3;

/// How long a no-show blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CoolOffPolicy {
    /// Days blocked after a no-show: 30 by default (so 90 for a repeat); 0 turns the
    /// cool-off off.
    pub days: u32,
}

impl Default for CoolOffPolicy {
    fn default() -> Self {
        Self { days: 30 }
    }
}

impl CoolOffPolicy {
    /// How long a no-show blocks, given whether another one was marked within
    /// [`REPEAT_WITHIN`] before it.
    #[must_use]
    pub fn length(&self, repeat: bool) -> TimeDelta {
        let factor = if repeat { REPEAT_FACTOR } else { 1 };
        TimeDelta::try_days(i64::from(self.days))
            .and_then(|days| days.checked_mul(factor))
            .unwrap_or(TimeDelta::MAX)
    }
}

/// Until when a CNP with these no-shows (instants marked, undone ones left out by the
/// caller, any order) is blocked at `now`; `None` when it is free. Each no-show blocks
/// from its mark for [`CoolOffPolicy::length`]; the latest end counts.
#[must_use]
pub fn blocked_until(
    no_shows: &[DateTime<Utc>],
    policy: &CoolOffPolicy,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let mut marks = no_shows.to_vec();
    marks.sort_unstable();
    let ends = marks.iter().enumerate().map(|(i, &marked_at)| {
        let repeat = i > 0 && marks[i - 1] >= marked_at - REPEAT_WITHIN;
        // Beyond chrono's range means blocked for good, never free.
        marked_at
            .checked_add_signed(policy.length(repeat))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    });
    ends.max().filter(|end| *end > now)
}

/// Whether staff may undo a no-show marked at `marked_at`: only on the same office-local
/// day (an honest mistake is noticed while the counter is still open).
#[must_use]
pub fn can_undo(marked_at: DateTime<Utc>, now: DateTime<Utc>, tz: Tz) -> bool {
    local_date(marked_at, tz) == local_date(now, tz)
}

#[cfg(test)]
mod tests;
