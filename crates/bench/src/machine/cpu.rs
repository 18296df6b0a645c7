//! CPU accounting over a phase, from `/proc`: every process's user + system time (the
//! same counters `getrusage` reads) and the machine's busy time. The server, PostgreSQL
//! and the generator get a column each; whatever else ran is named, so a figure taken
//! while something else loaded the machine says so.

use std::collections::HashMap;
use std::time::Instant;

/// Linux reports CPU times in `/proc` in USER_HZ ticks, fixed at 100 on every
/// architecture Rust targets (it is part of the kernel ABI, unlike the internal HZ).
const TICKS_PER_SECOND: f64 = 100.0;

/// Other processes named in a phase's report when they used at least this share of a core.
const NAME_OTHERS_FROM_PCT: f64 = 5.0;

/// One process at one instant.
#[derive(Debug, Clone)]
struct Proc {
    name: String,
    ticks: u64,
    /// For a PostgreSQL client backend, the database it serves.
    database: Option<String>,
}

/// `(command name, user + system ticks)` of one process, from `/proc/<pid>/stat`.
fn process_ticks(pid: &str) -> Option<(String, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces and parentheses: it runs to the last ')'.
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let name = stat.get(open + 1..close)?.to_owned();
    let fields: Vec<&str> = stat.get(close + 2..)?.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((name, utime + stime))
}

/// The name other processes are grouped under: kernel workers (`kworker/u8:3-writeback`)
/// as `kworker`, PostgreSQL backends of other databases together, everything else by its
/// command name.
fn group_name(process: &Proc) -> &str {
    if process.name.starts_with("kworker") {
        "kworker"
    } else if process.name == "postgres" {
        "postgres (other databases)"
    } else {
        &process.name
    }
}

/// The database a PostgreSQL client backend serves, from its process title
/// (`postgres: <user> <database> <client> <state>`); `None` for the server's own
/// processes (`postgres: 15/main: checkpointer`).
fn backend_database(pid: u32) -> Option<String> {
    database_of_title(&std::fs::read_to_string(format!("/proc/{pid}/cmdline")).ok()?)
}

fn database_of_title(title: &str) -> Option<String> {
    let mut words = title.split(['\0', ' ']).filter(|w| !w.is_empty());
    if words.next()? != "postgres:" {
        return None;
    }
    let user = words.next()?;
    if user.ends_with(':') {
        return None;
    }
    words.next().map(str::to_owned)
}

/// Every process on the machine with its CPU ticks so far.
fn process_table() -> HashMap<u32, Proc> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return HashMap::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let (name, ticks) = process_ticks(&pid.to_string())?;
            let database = (name == "postgres")
                .then(|| backend_database(pid))
                .flatten();
            Some((
                pid,
                Proc {
                    name,
                    ticks,
                    database,
                },
            ))
        })
        .collect()
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

/// CPU counters at one instant; the difference of two is a [`CpuUse`].
#[derive(Debug, Clone)]
pub struct CpuSnapshot {
    at: Instant,
    server_pid: Option<u32>,
    /// The database under test: PostgreSQL backends serving another one are "other".
    database: Option<String>,
    processes: HashMap<u32, Proc>,
    busy: u64,
    total: u64,
}

/// Which column a process's CPU goes to.
enum Owner {
    Server,
    Postgres,
    Generator,
    Other,
}

impl CpuSnapshot {
    #[must_use]
    pub fn take(server_pid: Option<u32>, database: Option<&str>) -> CpuSnapshot {
        let (busy, total) = machine_ticks().unwrap_or((0, 0));
        CpuSnapshot {
            at: Instant::now(),
            server_pid,
            database: database.map(str::to_owned),
            processes: process_table(),
            busy,
            total,
        }
    }

    fn owner(&self, pid: u32, process: &Proc) -> Owner {
        if Some(pid) == self.server_pid {
            Owner::Server
        } else if pid == std::process::id() {
            Owner::Generator
        } else if process.name != "postgres" {
            Owner::Other
        } else {
            match (&process.database, &self.database) {
                (Some(serves), Some(ours)) if serves != ours => Owner::Other,
                _ => Owner::Postgres,
            }
        }
    }

    /// CPU seconds this process (the generator) used between `self` and `later`.
    #[must_use]
    pub fn bench_secs_until(&self, later: &CpuSnapshot) -> f64 {
        let ticks = |snapshot: &CpuSnapshot| {
            snapshot
                .processes
                .get(&std::process::id())
                .map_or(0, |process| process.ticks)
        };
        ticks(later).saturating_sub(ticks(self)) as f64 / TICKS_PER_SECOND
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
        let pct = |ticks: u64| ticks as f64 / TICKS_PER_SECOND / wall * 100.0;
        let (mut server, mut postgres, mut bench) = (0, 0, 0);
        let mut others: HashMap<&str, u64> = HashMap::new();
        for (pid, process) in &later.processes {
            // A process born during the phase used all of its ticks in it. (Kernel
            // workers rename themselves after their current job: match by pid only.)
            let before = self.processes.get(pid).map_or(0, |p| p.ticks);
            let used = process.ticks.saturating_sub(before);
            match later.owner(*pid, process) {
                Owner::Server => server += used,
                Owner::Postgres => postgres += used,
                Owner::Generator => bench += used,
                Owner::Other => *others.entry(group_name(process)).or_default() += used,
            }
        }
        let busy = later.busy.saturating_sub(self.busy);
        let total = later.total.saturating_sub(self.total);
        let mut named_others: Vec<(String, f64)> = others
            .into_iter()
            .map(|(name, ticks)| (name.to_owned(), pct(ticks)))
            .filter(|(_, share)| *share >= NAME_OTHERS_FROM_PCT)
            .collect();
        named_others.sort_by(|a, b| b.1.total_cmp(&a.1));
        named_others.truncate(4);
        CpuUse {
            server_pct: pct(server),
            bench_pct: pct(bench),
            postgres_pct: pct(postgres),
            other_pct: pct(busy.saturating_sub(server + bench + postgres)),
            machine_pct: if total == 0 {
                0.0
            } else {
                busy as f64 / total as f64 * 100.0
            },
            named_others,
        }
    }
}

/// CPU over a phase. The `*_pct` shares are in percent of ONE core (200 % is both cores
/// of a 2-core machine); `other_pct` is the busy time no measured process accounts for
/// (kernel soft interrupts of the loopback traffic, and any other process on the
/// machine); `machine_pct` is the busy share of all cores.
#[derive(Debug, Clone, Default)]
pub struct CpuUse {
    pub server_pct: f64,
    pub bench_pct: f64,
    pub postgres_pct: f64,
    pub other_pct: f64,
    pub machine_pct: f64,
    /// The other processes (by command name) that used a noticeable share, biggest first.
    pub named_others: Vec<(String, f64)>,
}

impl CpuUse {
    /// `"rustc 80%, cp 12%"`, or `""`.
    #[must_use]
    pub fn others_text(&self) -> String {
        self.named_others
            .iter()
            .map(|(name, share)| format!("{name} {share:.0}%"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_backend_title_names_its_database() {
        let title = "postgres: postgres epas_test_0123 127.0.0.1(5000) idle";
        assert_eq!(database_of_title(title).as_deref(), Some("epas_test_0123"));
    }

    #[test]
    fn the_servers_own_processes_serve_no_database() {
        assert_eq!(database_of_title("postgres: 15/main: checkpointer "), None);
        assert_eq!(
            database_of_title("/usr/lib/postgresql/15/bin/postgres\0-D\0x"),
            None
        );
    }

    #[test]
    fn this_process_is_found_in_the_process_table() {
        let table = process_table();
        let process = table
            .get(&std::process::id())
            .expect("the test process is listed");
        assert!(!process.name.is_empty());
        assert_eq!(process.database, None);
    }
}
