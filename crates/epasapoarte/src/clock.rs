//! The one place the service reads the time. Everything else takes `now` from here, so
//! tests can move time forward (expiry, "no slot already past") without sleeping.

use std::sync::Mutex;
use std::time::Instant;

use chrono::{DateTime, TimeDelta, Utc};

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that tests set and advance by hand.
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> ManualClock {
        ManualClock(Mutex::new(start))
    }

    pub fn set(&self, to: DateTime<Utc>) {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = to;
    }

    pub fn advance(&self, by: chrono::Duration) {
        let mut now = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A clock that runs `scale` times faster than real time from `start` (simulations only:
/// `EPAS_CLOCK_SCALE`, `EPAS_CLOCK_START`). Simulated time is `start` plus the real time
/// elapsed since the clock was made, times `scale`; it is monotonic (measured on
/// [`Instant`]) and never goes back when the wall clock is adjusted.
#[derive(Debug, Clone, Copy)]
pub struct ScaledClock {
    start: DateTime<Utc>,
    origin: Instant,
    scale: u32,
}

impl ScaledClock {
    /// Starts at `start` now; `scale` 0 is taken as 1.
    #[must_use]
    pub fn new(start: DateTime<Utc>, scale: u32) -> ScaledClock {
        ScaledClock::from_origin(start, Instant::now(), scale)
    }

    /// As [`ScaledClock::new`], with the real instant that corresponds to `start`.
    #[must_use]
    pub fn from_origin(start: DateTime<Utc>, origin: Instant, scale: u32) -> ScaledClock {
        ScaledClock {
            start,
            origin,
            scale: scale.max(1),
        }
    }

    #[must_use]
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// The simulated instant `real` corresponds to (the start for instants before it).
    #[must_use]
    pub fn at(&self, real: Instant) -> DateTime<Utc> {
        let real = real.saturating_duration_since(self.origin);
        let simulated = real.saturating_mul(self.scale);
        self.start + TimeDelta::from_std(simulated).unwrap_or(TimeDelta::MAX / 2)
    }
}

impl Clock for ScaledClock {
    fn now(&self) -> DateTime<Utc> {
        self.at(Instant::now())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn start() -> DateTime<Utc> {
        "2027-03-01T21:30:00Z".parse().unwrap()
    }

    #[test]
    fn a_scaled_clock_starts_at_its_start_and_runs_scale_times_faster() {
        // Arrange
        let origin = Instant::now();
        let clock = ScaledClock::from_origin(start(), origin, 600);

        // Act
        let at_origin = clock.at(origin);
        let after_one_second = clock.at(origin + Duration::from_secs(1));
        let after_a_quarter = clock.at(origin + Duration::from_millis(250));

        // Assert: 600 = ten simulated minutes per real second.
        assert_eq!(at_origin, start());
        assert_eq!(after_one_second - start(), TimeDelta::minutes(10));
        assert_eq!(after_a_quarter - start(), TimeDelta::seconds(150));
    }

    #[test]
    fn a_scaled_clock_never_goes_before_its_start_and_a_zero_scale_means_real_time() {
        // Arrange
        let origin = Instant::now() + Duration::from_secs(5);
        let clock = ScaledClock::from_origin(start(), origin, 0);

        // Act + Assert
        assert_eq!(clock.scale(), 1);
        assert_eq!(clock.at(Instant::now()), start());
        assert_eq!(
            clock.at(origin + Duration::from_secs(3)) - start(),
            TimeDelta::seconds(3)
        );
    }

    #[test]
    fn the_scaled_clock_moves_forward_as_real_time_passes() {
        let clock = ScaledClock::new(start(), 3_600);
        let first = clock.now();
        std::thread::sleep(Duration::from_millis(20));
        let second = clock.now();
        // 20 ms real ≥ 72 s simulated.
        assert!(
            second - first >= TimeDelta::seconds(72),
            "{first} → {second}"
        );
    }
}
