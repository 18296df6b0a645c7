//! What the benchmark reads from `/proc` about the machine and the processes on it: the
//! server's resident memory (sampled, because the peak under load is the figure that
//! matters), CPU time of the server and of the generator itself, and the whole machine's
//! busy share — so a reader can tell which side of the 2 cores was saturated.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Linux reports CPU times in `/proc` in USER_HZ ticks, fixed at 100 on every
/// architecture Rust targets (it is part of the kernel ABI, unlike the internal HZ).
const TICKS_PER_SECOND: f64 = 100.0;

/// How often the server's RSS is sampled: often enough to catch a burst's peak.
const RSS_SAMPLE_EVERY: Duration = Duration::from_millis(50);

/// `VmRSS` and `VmHWM` (lifetime peak) of a process, in KiB.
#[must_use]
pub fn memory_kib(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kib| kib.parse::<u64>().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// User + system CPU ticks of a process (`self` or a pid), the same accounting as
/// `getrusage`, from `/proc/<pid>/stat`.
fn cpu_ticks(pid: &str) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces and parentheses; fields restart after the last ')'.
    let after = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// `(busy, total)` ticks of all CPUs together, from the first line of `/proc/stat`.
fn machine_ticks() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?.strip_prefix("cpu ")?;
    let values: Vec<u64> = line
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    let total: u64 = values.iter().take(8).sum();
    // idle and iowait are the 4th and 5th values.
    let idle = values.get(3)? + values.get(4).copied().unwrap_or(0);
    Some((total.saturating_sub(idle), total))
}

/// CPU ticks of every PostgreSQL process (the postmaster and its backends, all named
/// `postgres`); 0 when PostgreSQL runs elsewhere.
fn postgres_ticks() -> u64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
        .filter(|name| name.bytes().all(|b| b.is_ascii_digit()))
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|comm| comm.trim_end() == "postgres")
        })
        .filter_map(|pid| cpu_ticks(&pid))
        .sum()
}

/// CPU counters at one instant; the difference of two is a [`CpuUse`].
#[derive(Debug, Clone, Copy)]
pub struct CpuSnapshot {
    at: Instant,
    server: u64,
    bench: u64,
    postgres: u64,
    busy: u64,
    total: u64,
}

impl CpuSnapshot {
    #[must_use]
    pub fn take(server_pid: Option<u32>) -> CpuSnapshot {
        let (busy, total) = machine_ticks().unwrap_or((0, 0));
        CpuSnapshot {
            at: Instant::now(),
            server: server_pid
                .and_then(|pid| cpu_ticks(&pid.to_string()))
                .unwrap_or(0),
            bench: cpu_ticks("self").unwrap_or(0),
            postgres: postgres_ticks(),
            busy,
            total,
        }
    }

    /// CPU seconds this process (the generator) used between `self` and `later`.
    #[must_use]
    pub fn bench_secs_until(&self, later: &CpuSnapshot) -> f64 {
        later.bench.saturating_sub(self.bench) as f64 / TICKS_PER_SECOND
    }

    /// Wall seconds between `self` and `later`.
    #[must_use]
    pub fn wall_secs_until(&self, later: &CpuSnapshot) -> f64 {
        later.at.duration_since(self.at).as_secs_f64()
    }

    /// The CPU used between `self` and a later snapshot.
    #[must_use]
    pub fn until(&self, later: &CpuSnapshot) -> CpuUse {
        let wall = later.at.duration_since(self.at).as_secs_f64().max(1e-9);
        let cores = |ticks: u64| ticks as f64 / TICKS_PER_SECOND / wall * 100.0;
        let server = later.server.saturating_sub(self.server);
        let bench = later.bench.saturating_sub(self.bench);
        let postgres = later.postgres.saturating_sub(self.postgres);
        let busy = later.busy.saturating_sub(self.busy);
        let total = later.total.saturating_sub(self.total);
        CpuUse {
            server_pct: cores(server),
            bench_pct: cores(bench),
            postgres_pct: cores(postgres),
            other_pct: cores(busy.saturating_sub(server + bench + postgres)),
            machine_pct: if total == 0 {
                0.0
            } else {
                busy as f64 / total as f64 * 100.0
            },
        }
    }
}

/// CPU over a phase. The `*_pct` shares are in percent of ONE core (200 % is both cores
/// of a 2-core machine); `other_pct` is the busy time no measured process accounts for
/// (kernel soft interrupts for the loopback traffic, and any other process on the
/// machine); `machine_pct` is the busy share of all cores.
#[derive(Debug, Clone, Copy, Default)]
pub struct CpuUse {
    pub server_pct: f64,
    pub bench_pct: f64,
    pub postgres_pct: f64,
    pub other_pct: f64,
    pub machine_pct: f64,
}

/// Samples a process's RSS in the background and keeps the peak since the last reset.
#[derive(Debug, Clone)]
pub struct RssSampler {
    peak_kib: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
}

impl RssSampler {
    #[must_use]
    pub fn start(pid: u32) -> RssSampler {
        let sampler = RssSampler {
            peak_kib: Arc::new(AtomicU64::new(0)),
            stop: Arc::new(AtomicBool::new(false)),
        };
        let (peak, stop) = (sampler.peak_kib.clone(), sampler.stop.clone());
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                if let Some((rss, _)) = memory_kib(pid) {
                    peak.fetch_max(rss, Ordering::Relaxed);
                }
                tokio::time::sleep(RSS_SAMPLE_EVERY).await;
            }
        });
        sampler
    }

    /// The peak RSS (MiB) seen since the previous call, and starts a new period.
    pub fn take_peak_mib(&self) -> f64 {
        self.peak_kib.swap(0, Ordering::Relaxed) as f64 / 1024.0
    }

    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Logical CPUs and total memory (MiB), for the report's header.
#[must_use]
pub fn facts() -> (usize, u64) {
    let cpus = std::thread::available_parallelism().map_or(0, usize::from);
    let mem_mib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|line| line.strip_prefix("MemTotal:"))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|kib| kib.parse::<u64>().ok())
        })
        .map_or(0, |kib| kib / 1024);
    (cpus, mem_mib)
}

/// The CPU model name, when `/proc/cpuinfo` says.
#[must_use]
pub fn cpu_model() -> Option<String> {
    let info = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    info.lines()
        .find_map(|line| line.strip_prefix("model name"))
        .and_then(|rest| rest.split_once(':'))
        .map(|(_, name)| name.trim().to_owned())
}
