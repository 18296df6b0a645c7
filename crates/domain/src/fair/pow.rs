//! Proof-of-work difficulty for the ALTCHA challenge (SHA-256 over `salt ‖ number`, the
//! solver tries 0..=max) and the minimum fill time of the no-JavaScript ticket: both grow
//! with the load on the endpoint, the difficulty also with the requester's recent rate.
//!
//! Measured: headless Chromium's Web Crypto loop (the stock widget's worker) does 27,000–
//! 58,000 SHA-256 per second per worker on a loaded 2-core machine — each call has a fixed
//! cost, so JavaScript on a phone is nearer that than the 100,000+ of native code. The
//! solver needs `max / 2` tries on average and `max` at worst, so [`MAX_NUMBER_CEILING`]
//! stays near one second worst case on one worker and [`MAX_NUMBER_FLOOR`] a tenth of it.

use chrono::TimeDelta;

/// `max_number` when all is calm.
pub const MAX_NUMBER_FLOOR: u64 = 5_000;
/// `max_number` at its hardest.
pub const MAX_NUMBER_CEILING: u64 = 50_000;

/// Requests per minute on the endpoint (all requesters) from which each step applies.
const LOAD_STEPS: [u32; 5] = [60, 300, 1_000, 3_000, 10_000];
/// Difficulty added per load step reached: 5 × 4,500 = 22,500.
const LOAD_STEP_NUMBER: u64 = 4_500;
/// The requester's recent requests (the shell's rate-limit window) from which each step applies.
const REQUESTER_STEPS: [u32; 5] = [3, 6, 10, 20, 40];
/// Difficulty added per requester step reached: 5 × 4,500 = 22,500.
const REQUESTER_STEP_NUMBER: u64 = 4_500;

// Every step reached lands exactly on the ceiling: no step is wasted under the clamp.
const _: () = assert!(
    MAX_NUMBER_FLOOR + 5 * LOAD_STEP_NUMBER + 5 * REQUESTER_STEP_NUMBER == MAX_NUMBER_CEILING
);

/// The ticket's minimum fill time when all is calm.
pub const MIN_FILL_FLOOR: TimeDelta = TimeDelta::seconds(3);
/// The minimum fill time per load step reached: 3, 5, 7, 9, 12, 15 seconds.
const FILL_SECONDS: [i64; 6] = [3, 5, 7, 9, 12, 15];
/// The ticket's minimum fill time at its longest.
pub const MIN_FILL_CEILING: TimeDelta = TimeDelta::seconds(15);

/// How many of `steps` (ascending thresholds) `value` has reached.
fn reached(steps: &[u32], value: u32) -> usize {
    steps
        .iter()
        .take_while(|threshold| value >= **threshold)
        .count()
}

/// The challenge's `maxnumber`, from the endpoint's load (requests in the last minute,
/// all requesters) and this requester's recent requests: between [`MAX_NUMBER_FLOOR`] and
/// [`MAX_NUMBER_CEILING`], never lower when either input grows.
#[must_use]
pub fn max_number(endpoint_load_per_min: u32, requester_recent_count: u32) -> u64 {
    let load = reached(&LOAD_STEPS, endpoint_load_per_min) as u64;
    let requester = reached(&REQUESTER_STEPS, requester_recent_count) as u64;
    let number = MAX_NUMBER_FLOOR + load * LOAD_STEP_NUMBER + requester * REQUESTER_STEP_NUMBER;
    number.min(MAX_NUMBER_CEILING)
}

/// How long after a no-JavaScript form was served its signed ticket is accepted: 3 s when
/// calm, up to 15 s under load, never shorter when the load grows.
#[must_use]
pub fn min_fill_time(endpoint_load_per_min: u32) -> TimeDelta {
    let step = reached(&LOAD_STEPS, endpoint_load_per_min);
    TimeDelta::seconds(FILL_SECONDS[step.min(FILL_SECONDS.len() - 1)])
}

#[cfg(test)]
mod tests;
