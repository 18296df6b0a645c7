//! The simulation clock (`EPAS_CLOCK_SCALE`, `EPAS_CLOCK_START`): a test and simulation
//! knob, never for production. With it the service reads a [`ScaledClock`] instead of
//! the system clock — simulated time starts at `EPAS_CLOCK_START` (RFC 3339; default: the
//! real time at start) and runs `EPAS_CLOCK_SCALE` times faster (600 = ten simulated
//! minutes per real second) — and the background jobs tick that much more often (never
//! more often than every [`MIN_JOB_INTERVAL`]), so expiry, draws, holds and releases keep
//! pace with the simulated day. The fairness simulation (`epasapoarte-bench --scenario
//! fairness`) runs the server this way.

use std::time::Duration;

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};

use crate::clock::{Clock, ScaledClock, SystemClock};

/// The largest scale accepted: a simulated year in under an hour.
pub const MAX_SCALE: u32 = 100_000;
/// The shortest interval a background job is scaled down to.
pub const MIN_JOB_INTERVAL: Duration = Duration::from_millis(50);

/// The simulation clock's settings; `None` in `Config::sim_clock` = the system clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimClock {
    /// Simulated seconds per real second (1 = real speed).
    pub scale: u32,
    /// The simulated instant at start (`None`: the real time at start).
    pub start: Option<DateTime<Utc>>,
}

impl SimClock {
    /// From the two variables; `None` when neither is set.
    pub fn parse(scale: Option<u64>, start: Option<&str>) -> anyhow::Result<Option<SimClock>> {
        if scale.is_none() && start.is_none() {
            return Ok(None);
        }
        let scale = match scale {
            None => 1,
            Some(scale) => match u32::try_from(scale) {
                Ok(scale) if (1..=MAX_SCALE).contains(&scale) => scale,
                _ => bail!("EPAS_CLOCK_SCALE must be a whole number from 1 to {MAX_SCALE}"),
            },
        };
        let start = start
            .map(|text| {
                DateTime::parse_from_rfc3339(text.trim())
                    .map(|at| at.with_timezone(&Utc))
                    .ok()
                    .context(
                        "EPAS_CLOCK_START must be an RFC 3339 instant like 2027-03-01T21:30:00Z",
                    )
            })
            .transpose()?;
        Ok(Some(SimClock { scale, start }))
    }

    /// A background job's interval under this clock: `base` divided by the scale, at
    /// least [`MIN_JOB_INTERVAL`] (and never longer than `base`).
    #[must_use]
    pub fn job_interval(&self, base: Duration) -> Duration {
        (base / self.scale.max(1)).max(MIN_JOB_INTERVAL).min(base)
    }

    /// The clock the service reads, started now.
    #[must_use]
    pub fn clock(&self) -> ScaledClock {
        ScaledClock::new(self.start.unwrap_or_else(Utc::now), self.scale)
    }
}

/// The clock `serve` uses: the scaled one when configured, else the system clock.
#[must_use]
pub fn clock_for(sim: Option<SimClock>) -> std::sync::Arc<dyn Clock> {
    match sim {
        Some(sim) => std::sync::Arc::new(sim.clock()),
        None => std::sync::Arc::new(SystemClock),
    }
}

/// A background job's interval under `sim` (unchanged without a simulation clock).
#[must_use]
pub fn job_interval(sim: Option<SimClock>, base: Duration) -> Duration {
    sim.map_or(base, |sim| sim.job_interval(base))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_variable_means_the_system_clock() {
        assert_eq!(SimClock::parse(None, None).unwrap(), None);
        assert_eq!(
            job_interval(None, Duration::from_secs(900)),
            Duration::from_secs(900)
        );
    }

    #[test]
    fn scale_and_start_are_parsed() {
        let sim = SimClock::parse(Some(600), Some("2027-03-01T23:30:00+02:00"))
            .unwrap()
            .unwrap();
        assert_eq!(sim.scale, 600);
        assert_eq!(
            sim.start,
            Some("2027-03-01T21:30:00Z".parse::<DateTime<Utc>>().unwrap())
        );
    }

    #[test]
    fn a_start_alone_runs_at_real_speed_and_a_scale_alone_starts_now() {
        let start = SimClock::parse(None, Some("2027-03-01T21:30:00Z"))
            .unwrap()
            .unwrap();
        assert_eq!(start.scale, 1);
        let scale = SimClock::parse(Some(60), None).unwrap().unwrap();
        assert_eq!(scale.start, None);
        let before = Utc::now();
        assert!(scale.clock().now() >= before);
    }

    #[test]
    fn bad_values_are_refused_with_the_variable_named() {
        for (scale, start) in [
            (Some(0), None),
            (Some(100_001), None),
            (None, Some("tomorrow")),
            (None, Some("2027-03-01 21:30")),
        ] {
            let error = SimClock::parse(scale, start).unwrap_err().to_string();
            let named = if scale.is_some() {
                "EPAS_CLOCK_SCALE"
            } else {
                "EPAS_CLOCK_START"
            };
            assert!(error.contains(named), "{scale:?} {start:?}: {error}");
        }
    }

    #[test]
    fn job_intervals_shrink_by_the_scale_but_not_below_the_floor() {
        let sim = SimClock {
            scale: 600,
            start: None,
        };
        assert_eq!(
            sim.job_interval(Duration::from_secs(900)),
            Duration::from_millis(1500)
        );
        assert_eq!(sim.job_interval(Duration::from_secs(1)), MIN_JOB_INTERVAL);
        let real = SimClock {
            scale: 1,
            start: None,
        };
        assert_eq!(
            real.job_interval(Duration::from_millis(20)),
            Duration::from_millis(20),
            "never longer than the base"
        );
    }
}
