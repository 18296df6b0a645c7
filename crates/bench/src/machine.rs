//! What the benchmark reads from `/proc` about the machine and the processes on it: the
//! server's resident memory (sampled, because the peak under load is the figure that
//! matters), CPU time of the server and of the generator itself, and the whole machine's
//! busy share — so a reader can tell which side of the 2 cores was saturated.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

mod cpu;

pub use cpu::{CpuSnapshot, CpuUse};

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
            // Also ends when the process is gone (the run failed and killed it).
            while !stop.load(Ordering::Relaxed) {
                let Some((rss, _)) = memory_kib(pid) else {
                    break;
                };
                peak.fetch_max(rss, Ordering::Relaxed);
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

/// The kernel's `(ListenOverflows, TCPSynRetrans)` counters from `/proc/net/netstat`:
/// connections refused because a listener's accept queue was full, and the SYN
/// retransmissions (≥ 1 s each) that follow. A flash crowd reveals a short backlog here.
#[must_use]
pub fn tcp_listen_counters() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string("/proc/net/netstat").ok()?;
    let mut lines = text.lines().filter(|line| line.starts_with("TcpExt:"));
    let names: Vec<&str> = lines.next()?.split_whitespace().collect();
    let values: Vec<&str> = lines.next()?.split_whitespace().collect();
    let value = |name: &str| {
        names
            .iter()
            .position(|n| *n == name)
            .and_then(|i| values.get(i))
            .and_then(|v| v.parse::<u64>().ok())
    };
    Some((value("ListenOverflows")?, value("TCPSynRetrans")?))
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
