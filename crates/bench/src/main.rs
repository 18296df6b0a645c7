//! `epasapoarte-bench` — the load benchmark of issue 3: seeds a throwaway database, runs
//! the real release server on it, and measures availability reads, bookings and
//! confirmations, a flash crowd on one day, and the raw database baseline, on SQLite
//! and PostgreSQL. Prints a Markdown table and the targets as PASS/FAIL.
//!
//! Exit status: 0 all targets met, 2 some target missed, 1 the run itself failed.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use epasapoarte::testing::Backend;

mod db;
mod fairness;
mod faults;
mod load;
mod machine;
mod people;
mod phases;
mod report;
mod run;
mod server;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Scenario {
    /// The load benchmark of issue 3 (Markdown table).
    Load,
    /// People against a reseller (issue 11): one JSON object.
    Fairness,
    /// Faults under a rush, each followed by `epasapoarte audit` (issue 13): one JSON
    /// object on stdout, the Markdown table on stderr.
    Faults,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Which {
    Sqlite,
    Postgres,
    All,
}

/// Load benchmark for `epasapoarte serve` (build both binaries with
/// `cargo build --release -p epasapoarte -p epasapoarte-bench`).
#[derive(Debug, Parser)]
#[command(version)]
pub struct Args {
    /// What to run.
    #[arg(long, value_enum, default_value = "load")]
    scenario: Scenario,
    /// Fairness: today's first come, first served, or SPEC §8.
    #[arg(long, value_enum, default_value = "fcfs")]
    mode: fairness::Mode,
    /// Fairness: the first seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Fairness: how many seeds (from --seed); the interval needs at least 5.
    #[arg(long, default_value_t = 5)]
    seeds: u64,
    /// Fairness: print the JSON object (the only output on stdout; always on).
    #[arg(long)]
    json: bool,
    /// Fairness, fair mode: turn one mechanism off (repeatable).
    #[arg(long, value_enum)]
    off: Vec<fairness::Mechanism>,
    /// Fairness: people in the population (the issue's 10,000; fewer for a quick look).
    #[arg(long, default_value_t = 10_000)]
    people: usize,
    /// Fairness: the reseller's customers (the issue's 1,000).
    #[arg(long, default_value_t = 1_000)]
    customers: usize,
    /// Fairness: simulated seconds per real second (the run's 46 simulated hours take
    /// 46 h ÷ scale of real time per seed).
    #[arg(long, default_value_t = fairness::DEFAULT_SCALE)]
    scale: u32,
    /// Which backend(s) to measure. PostgreSQL is found at EPAS_TEST_POSTGRES_URL
    /// (default postgres://postgres@127.0.0.1:5432/postgres).
    #[arg(long, value_enum, default_value = "all")]
    backend: Which,
    /// Duration of each timed phase, in seconds.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Concurrent clients of the timed phases (the targets are stated at 64).
    #[arg(long, default_value_t = 64)]
    clients: usize,
    /// Concurrent citizens of the flash crowd.
    #[arg(long, default_value_t = 2000)]
    flash_clients: usize,
    /// Booking attempts per flash-crowd citizen before giving up.
    #[arg(long, default_value_t = 10)]
    flash_attempts: usize,
    /// Longest wait, in seconds, for the outbox to write the confirmation e-mails.
    #[arg(long, default_value_t = 60)]
    mail_wait: u64,
    /// Faults: run only these (repeatable; default all six, in order).
    #[arg(long, value_enum)]
    fault: Vec<faults::Fault>,
    /// Faults: the script that starts the PostgreSQL primary and standby (default
    /// `deploy/pg-ha` of this checkout).
    #[arg(long)]
    pg_ha: Option<PathBuf>,
    /// The `epasapoarte` binary (default: the one beside this binary).
    #[arg(long)]
    server: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: starting the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        tokio::select! {
            result = run_all(&args) => match result {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::from(2),
                Err(error) => {
                    eprintln!("error: {error:#}");
                    ExitCode::FAILURE
                }
            },
            // Dropping the run stops the server (its guard kills it) and drops the
            // throwaway databases.
            _ = tokio::signal::ctrl_c() => {
                eprintln!("interrupted: stopping the server and dropping the databases");
                ExitCode::from(130)
            }
        }
    })
}

/// Runs the chosen backends and prints the report; `Ok(false)` when a target failed.
async fn run_all(args: &Args) -> anyhow::Result<bool> {
    let binary = server::find_binary(args.server.as_deref())?;
    if args.scenario == Scenario::Faults {
        let chosen = if args.fault.is_empty() {
            faults::Fault::ALL.to_vec()
        } else {
            args.fault.clone()
        };
        let tools = faults::Tools::new(binary, args.pg_ha.as_deref());
        let summary = faults::run(&tools, &chosen).await?;
        eprintln!("\n{}", faults::table(&summary));
        println!("{}", serde_json::to_string(&summary)?);
        return Ok(summary.scenarios.iter().all(|s| {
            s.lost + s.overbooked + s.duplicate_cnps + s.pending_without_mail == 0
                && s.recovered_s.is_some()
        }));
    }
    if args.scenario == Scenario::Fairness {
        let settings = fairness::Settings {
            people: args.people,
            customers: args.customers,
            scale: args.scale.max(1),
            ..fairness::Settings::issue(args.mode, args.off.clone())
        };
        let summary = fairness::run(&settings, &binary, args.seed, args.seeds).await?;
        println!("{summary}");
        return Ok(true);
    }
    if cfg!(debug_assertions) {
        eprintln!("warning: this is a debug build of the benchmark; use --release for figures");
    }
    let backends = match args.backend {
        Which::Sqlite => vec![Backend::Sqlite],
        Which::Postgres => vec![Backend::Postgres],
        Which::All => vec![Backend::Sqlite, Backend::Postgres],
    };
    let mut report = report::Report::default();
    // Other work on the machine skews every figure: measure it before starting.
    let idle_from = machine::CpuSnapshot::take(None, None);
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let busy_before = idle_from
        .until(&machine::CpuSnapshot::take(None, None))
        .machine_pct;
    if busy_before > 10.0 {
        eprintln!(
            "warning: the machine was already {busy_before:.0}% busy before the run; \
             the figures will be lower than on a quiet machine"
        );
    }
    let started = machine::CpuSnapshot::take(None, None);
    for backend in backends {
        run::backend(args, backend, &binary, &mut report).await?;
    }
    let ended = machine::CpuSnapshot::take(None, None);
    let mut header = header(&binary);
    header.push(format!(
        "- machine busy before the run (2 s sample, other processes): {busy_before:.0}%"
    ));
    header.push(format!(
        "- generator CPU (this process, getrusage-equivalent /proc/self/stat): {:.1} s over \
         {:.1} s of wall time, seeding and auditing included",
        started.bench_secs_until(&ended),
        started.wall_secs_until(&ended)
    ));
    println!("{}", report.markdown(&header));
    Ok(report.all_passed())
}

fn header(binary: &std::path::Path) -> Vec<String> {
    let (cpus, mem_mib) = machine::facts();
    let command: Vec<String> = std::env::args().collect();
    vec![
        format!(
            "## Load benchmark, {}",
            chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
        ),
        String::new(),
        format!("- command: `{}`", command.join(" ")),
        format!("- server: `{}` (release build expected)", binary.display()),
        format!(
            "- machine: {cpus} CPUs ({}), {:.1} GB memory; load generator on the same machine",
            machine::cpu_model().unwrap_or_else(|| "unknown model".to_owned()),
            mem_mib as f64 / 1024.0
        ),
    ]
}
