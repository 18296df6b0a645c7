//! The load runner: closed-loop workers (each sends its next request when the previous
//! one answered) that stop by themselves at a deadline or when the work runs out, and the
//! statistics of what they saw. Latencies are kept raw (a few bytes per request) and
//! sorted once: exact percentiles, no histogram crate.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What one request ended in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The answer the phase expects (200 for reads, 201 for creations…).
    Ok,
    /// Any other answer, labelled for the error breakdown (`"409 slot_full"`, `"500"`…).
    Error(String),
}

/// One worker's tally; merged into [`PhaseStats`] at the end.
#[derive(Debug, Default)]
pub struct Recorder {
    latencies_us: Vec<u32>,
    ok: u64,
    errors: BTreeMap<String, u64>,
}

impl Recorder {
    pub fn record(&mut self, outcome: Outcome, took: Duration) {
        self.latencies_us
            .push(u32::try_from(took.as_micros()).unwrap_or(u32::MAX));
        match outcome {
            Outcome::Ok => self.ok += 1,
            Outcome::Error(label) => *self.errors.entry(label).or_default() += 1,
        }
    }
}

/// Everything one phase measured.
#[derive(Debug, Clone, Default)]
pub struct PhaseStats {
    pub requests: u64,
    pub ok: u64,
    pub errors: BTreeMap<String, u64>,
    pub elapsed: Duration,
    /// Sorted ascending.
    latencies_us: Vec<u32>,
}

impl PhaseStats {
    #[must_use]
    pub fn merge(recorders: Vec<Recorder>, elapsed: Duration) -> PhaseStats {
        let mut stats = PhaseStats {
            elapsed,
            ..PhaseStats::default()
        };
        for recorder in recorders {
            stats.ok += recorder.ok;
            stats.latencies_us.extend(recorder.latencies_us);
            for (label, count) in recorder.errors {
                *stats.errors.entry(label).or_default() += count;
            }
        }
        stats.requests = stats.latencies_us.len() as u64;
        stats.latencies_us.sort_unstable();
        stats
    }

    #[must_use]
    pub fn error_count(&self) -> u64 {
        self.errors.values().sum()
    }

    /// Successful requests per second of wall time.
    #[must_use]
    pub fn throughput(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// The latency (ms) below which `quantile` (0–1) of the requests answered; nearest-rank.
    #[must_use]
    pub fn percentile_ms(&self, quantile: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return 0.0;
        }
        let rank = (quantile * self.latencies_us.len() as f64).ceil() as usize;
        let index = rank.clamp(1, self.latencies_us.len()) - 1;
        f64::from(self.latencies_us[index]) / 1000.0
    }

    /// `"409 slot_full: 12, 500: 1"`, or `""` when there were no errors.
    #[must_use]
    pub fn error_summary(&self) -> String {
        self.errors
            .iter()
            .map(|(label, count)| format!("{label}: {count}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Runs `clients` workers that call `job` back to back until `duration` has passed or
/// `job` returns `None` (no work left). In-flight requests finish; the elapsed time counts
/// until the last one does.
pub async fn closed_loop<F, Fut>(clients: usize, duration: Duration, job: F) -> PhaseStats
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Option<Outcome>> + Send + 'static,
{
    let job = Arc::new(job);
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            let job = job.clone();
            tokio::spawn(async move {
                let mut recorder = Recorder::default();
                while Instant::now() < deadline {
                    let sent = Instant::now();
                    let Some(outcome) = job().await else { break };
                    recorder.record(outcome, sent.elapsed());
                }
                recorder
            })
        })
        .collect();
    let mut recorders = Vec::with_capacity(clients);
    for worker in workers {
        // A worker that panicked lost its tally; the others still count.
        if let Ok(recorder) = worker.await {
            recorders.push(recorder);
        }
    }
    PhaseStats::merge(recorders, started.elapsed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        // Arrange: latencies 1..=100 ms.
        let mut recorder = Recorder::default();
        for ms in 1..=100 {
            recorder.record(Outcome::Ok, Duration::from_millis(ms));
        }

        // Act
        let stats = PhaseStats::merge(vec![recorder], Duration::from_secs(1));

        // Assert
        assert_eq!(stats.percentile_ms(0.5), 50.0);
        assert_eq!(stats.percentile_ms(0.99), 99.0);
        assert_eq!(stats.percentile_ms(1.0), 100.0);
        assert_eq!(stats.throughput(), 100.0);
    }

    #[test]
    fn errors_are_counted_by_label_across_workers() {
        // Arrange
        let mut a = Recorder::default();
        a.record(Outcome::Error("409 slot_full".into()), Duration::ZERO);
        let mut b = Recorder::default();
        b.record(Outcome::Error("409 slot_full".into()), Duration::ZERO);
        b.record(Outcome::Ok, Duration::ZERO);

        // Act
        let stats = PhaseStats::merge(vec![a, b], Duration::from_secs(1));

        // Assert
        assert_eq!(stats.requests, 3);
        assert_eq!(stats.ok, 1);
        assert_eq!(stats.error_count(), 2);
        assert_eq!(stats.error_summary(), "409 slot_full: 2");
    }

    #[tokio::test]
    async fn a_closed_loop_stops_when_the_work_runs_out() {
        // Arrange: 10 jobs for 4 workers, a deadline far away.
        let left = Arc::new(std::sync::atomic::AtomicI32::new(10));

        // Act
        let stats = closed_loop(4, Duration::from_secs(60), move || {
            let left = left.clone();
            async move {
                (left.fetch_sub(1, std::sync::atomic::Ordering::Relaxed) > 0).then_some(Outcome::Ok)
            }
        })
        .await;

        // Assert
        assert_eq!(stats.ok, 10);
        assert!(stats.elapsed < Duration::from_secs(5));
    }
}
