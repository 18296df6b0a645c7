//! When to try again, and the identifier that stays the same on every try.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;

/// The first retry waits this long; each further one twice as long, up to [`MAX_DELAY_SECS`].
pub const FIRST_DELAY_SECS: i64 = 30;
pub const MAX_DELAY_SECS: i64 = 3600;
/// Past this many attempts a failure is logged as an error: someone should look.
pub const LOUD_AFTER_ATTEMPTS: u32 = 20;

/// The delay after `attempts` tries (1 = the first try failed), before jitter:
/// 30 s, 1 min, 2 min, … capped at 1 h.
#[must_use]
pub fn base_delay(attempts: u32) -> Duration {
    let doublings = attempts.saturating_sub(1).min(16);
    let secs = FIRST_DELAY_SECS.saturating_mul(1_i64 << doublings);
    Duration::seconds(secs.min(MAX_DELAY_SECS))
}

/// `delay` scaled by `1 + spread`, with `spread` clamped to ±10 %.
#[must_use]
pub fn jittered(delay: Duration, spread: f64) -> Duration {
    let spread = spread.clamp(-0.1, 0.1);
    let millis = delay.num_milliseconds() as f64 * (1.0 + spread);
    Duration::milliseconds(millis.round() as i64)
}

/// [`base_delay`] with random ±10 % jitter, so messages that failed together (a mail
/// server outage) do not all come back in the same second.
#[must_use]
pub fn retry_delay(attempts: u32) -> Duration {
    jittered(
        base_delay(attempts),
        rand::thread_rng().gen_range(-0.1..=0.1),
    )
}

/// `<outbox-{id}.{created_at_millis}@{domain}>`: the same on every retry of a message,
/// different for every message (the id alone could repeat after a database restore).
#[must_use]
pub fn message_id(outbox_id: i64, created_at: DateTime<Utc>, domain: &str) -> String {
    format!(
        "<outbox-{outbox_id}.{}@{domain}>",
        created_at.timestamp_millis()
    )
}
