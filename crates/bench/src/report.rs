//! The results: one row per phase, notes, and the issue's targets as PASS/FAIL, printed
//! as Markdown so the output pastes straight into BENCHMARKS.md.

use std::fmt::Write;

use crate::load::PhaseStats;
use crate::machine::CpuUse;

/// One measured phase.
#[derive(Debug, Clone)]
pub struct Row {
    pub backend: &'static str,
    pub phase: String,
    pub stats: PhaseStats,
    /// Peak RSS of the server during the phase; `None` when no server ran (raw baseline).
    pub peak_rss_mib: Option<f64>,
    pub cpu: CpuUse,
}

impl Row {
    /// A progress line for the terminal while the run goes on.
    #[must_use]
    pub fn one_line(&self) -> String {
        let s = &self.stats;
        format!(
            "{} requests, {} ok, {} errors{} — {:.0}/s, p50 {:.2} ms, p99 {:.2} ms, \
             server RSS {}, CPU % of a core: server {:.0}, postgres {:.0}, generator {:.0}, \
             other {:.0}{} (machine {:.0}% busy)",
            s.requests,
            s.ok,
            s.error_count(),
            bracketed(&s.error_summary()),
            s.throughput(),
            s.percentile_ms(0.5),
            s.percentile_ms(0.99),
            self.rss_text(),
            self.cpu.server_pct,
            self.cpu.postgres_pct,
            self.cpu.bench_pct,
            self.cpu.other_pct,
            bracketed(&self.cpu.others_text()),
            self.cpu.machine_pct
        )
    }

    fn rss_text(&self) -> String {
        self.peak_rss_mib
            .map_or_else(|| "–".to_owned(), |mib| format!("{mib:.0} MB"))
    }
}

fn bracketed(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(" ({text})")
    }
}

/// A target of the issue, met or not.
#[derive(Debug, Clone)]
pub struct Check {
    pub backend: &'static str,
    pub target: String,
    pub measured: String,
    pub pass: bool,
}

impl Check {
    #[must_use]
    pub fn new(
        backend: &'static str,
        target: impl Into<String>,
        measured: impl Into<String>,
        pass: bool,
    ) -> Check {
        Check {
            backend,
            target: target.into(),
            measured: measured.into(),
            pass,
        }
    }
}

/// Everything the run found, in order.
#[derive(Debug, Default)]
pub struct Report {
    pub rows: Vec<Row>,
    pub checks: Vec<Check>,
    pub notes: Vec<(&'static str, String)>,
}

impl Report {
    pub fn note(&mut self, backend: &'static str, text: impl Into<String>) {
        self.notes.push((backend, text.into()));
    }

    /// Whether every target passed.
    #[must_use]
    pub fn all_passed(&self) -> bool {
        self.checks.iter().all(|check| check.pass)
    }

    /// The whole report in Markdown, `header` lines first.
    #[must_use]
    pub fn markdown(&self, header: &[String]) -> String {
        let mut out = String::new();
        for line in header {
            let _ = writeln!(out, "{line}");
        }
        self.phase_table(&mut out);
        self.other_processes(&mut out);
        self.errors_and_notes(&mut out);
        self.targets_table(&mut out);
        out
    }

    /// One line per phase, and what its CPU columns mean.
    fn phase_table(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "\n| backend | phase | requests | ok | errors | throughput/s | p50 ms | p99 ms | peak server RSS MB | CPU server | CPU postgres | CPU generator | CPU other | machine busy |\n\
             |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        );
        for row in &self.rows {
            let s = &row.stats;
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {:.0} | {:.2} | {:.2} | {} | {:.0}% | {:.0}% | {:.0}% | {:.0}% | {:.0}% |",
                row.backend,
                row.phase,
                s.requests,
                s.ok,
                s.error_count(),
                s.throughput(),
                s.percentile_ms(0.5),
                s.percentile_ms(0.99),
                row.peak_rss_mib
                    .map_or_else(|| "–".to_owned(), |mib| format!("{mib:.0}")),
                row.cpu.server_pct,
                row.cpu.postgres_pct,
                row.cpu.bench_pct,
                row.cpu.other_pct,
                row.cpu.machine_pct
            );
        }
        let _ = writeln!(
            out,
            "\nCPU columns are in % of ONE core (200% = both cores of a 2-core machine): the \
             server process, all `postgres` processes, this generator (in the raw phase it \
             runs the store itself, and for SQLite the database engine), and other busy time \
             (kernel soft interrupts of the loopback traffic, any other process). Machine busy \
             is the busy share of all cores."
        );
    }

    /// The other processes that were busy during a phase, when there were any.
    fn other_processes(&self, out: &mut String) {
        let others: Vec<&Row> = self
            .rows
            .iter()
            .filter(|row| !row.cpu.named_others.is_empty())
            .collect();
        if !others.is_empty() {
            let _ = writeln!(
                out,
                "\nOther processes busy during a phase (% of one core):"
            );
            for row in others {
                let _ = writeln!(
                    out,
                    "- {} / {}: {}",
                    row.backend,
                    row.phase,
                    row.cpu.others_text()
                );
            }
        }
    }

    fn errors_and_notes(&self, out: &mut String) {
        let _ = writeln!(out, "\nErrors by kind:");
        for row in self.rows.iter().filter(|row| row.stats.error_count() > 0) {
            let _ = writeln!(
                out,
                "- {} / {}: {}",
                row.backend,
                row.phase,
                row.stats.error_summary()
            );
        }
        if !self.notes.is_empty() {
            let _ = writeln!(out, "\nNotes:");
            for (backend, note) in &self.notes {
                let _ = writeln!(out, "- {backend}: {note}");
            }
        }
    }

    fn targets_table(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "\n| backend | target | measured | result |\n|---|---|---|---|"
        );
        for check in &self.checks {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                check.backend,
                check.target,
                check.measured,
                if check.pass { "PASS" } else { "FAIL" }
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::load::{Outcome, Recorder};

    fn stats(ok: u64, errors: &[&str], elapsed_ms: u64) -> PhaseStats {
        let mut recorder = Recorder::default();
        for i in 0..ok {
            recorder.record(Outcome::Ok, Duration::from_micros(1_000 + 10 * i));
        }
        for label in errors {
            recorder.record(
                Outcome::Error((*label).to_owned()),
                Duration::from_millis(3),
            );
        }
        PhaseStats::merge(vec![recorder], Duration::from_millis(elapsed_ms))
    }

    fn report() -> Report {
        let busy = CpuUse {
            server_pct: 95.4,
            bench_pct: 40.0,
            postgres_pct: 0.0,
            other_pct: 12.6,
            machine_pct: 74.0,
            named_others: vec![("rustc".to_owned(), 80.0)],
        };
        let mut report = Report::default();
        report.rows.push(Row {
            backend: "sqlite",
            phase: "bookings created (64 clients)".to_owned(),
            stats: stats(4, &["409 slot_full", "409 slot_full", "500"], 2_000),
            peak_rss_mib: Some(41.7),
            cpu: busy,
        });
        report.rows.push(Row {
            backend: "sqlite",
            phase: "raw store.create_booking".to_owned(),
            stats: stats(10, &[], 1_000),
            peak_rss_mib: None,
            cpu: CpuUse::default(),
        });
        report.note("sqlite", "seeded 42 counties");
        report.checks.push(Check::new(
            "sqlite",
            "bookings created ≥ 2000/s",
            "2/s",
            false,
        ));
        report
            .checks
            .push(Check::new("sqlite", "server RSS < 200 MB", "42 MB", true));
        report
    }

    #[test]
    fn the_markdown_keeps_the_format_other_programs_read() {
        let expected = r#"# Run

| backend | phase | requests | ok | errors | throughput/s | p50 ms | p99 ms | peak server RSS MB | CPU server | CPU postgres | CPU generator | CPU other | machine busy |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| sqlite | bookings created (64 clients) | 7 | 4 | 3 | 2 | 1.03 | 3.00 | 42 | 95% | 0% | 40% | 13% | 74% |
| sqlite | raw store.create_booking | 10 | 10 | 0 | 10 | 1.04 | 1.09 | – | 0% | 0% | 0% | 0% | 0% |

CPU columns are in % of ONE core (200% = both cores of a 2-core machine): the server process, all `postgres` processes, this generator (in the raw phase it runs the store itself, and for SQLite the database engine), and other busy time (kernel soft interrupts of the loopback traffic, any other process). Machine busy is the busy share of all cores.

Other processes busy during a phase (% of one core):
- sqlite / bookings created (64 clients): rustc 80%

Errors by kind:
- sqlite / bookings created (64 clients): 409 slot_full: 2, 500: 1

Notes:
- sqlite: seeded 42 counties

| backend | target | measured | result |
|---|---|---|---|
| sqlite | bookings created ≥ 2000/s | 2/s | FAIL |
| sqlite | server RSS < 200 MB | 42 MB | PASS |
"#;
        assert_eq!(report().markdown(&["# Run".to_owned()]), expected);
    }
}
