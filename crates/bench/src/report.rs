//! The results: one row per phase, notes, and the targets as PASS/FAIL, printed
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
        out
    }
}
