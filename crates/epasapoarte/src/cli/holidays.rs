//! `epasapoarte holidays YEAR`: the Romanian public holidays of a year, one date per line.

use std::io::{self, BufWriter, Write};

use anyhow::Context;
use epasapoarte_domain::calendar::{Holiday, SUPPORTED_YEARS, public_holidays};

use crate::i18n::Lang;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The year (2024–2100: the years the current law covers).
    #[arg(value_parser = clap::value_parser!(i32).range(
        i64::from(*SUPPORTED_YEARS.start())..=i64::from(*SUPPORTED_YEARS.end())
    ))]
    pub year: i32,
}

/// Prints `YYYY-MM-DD<TAB>name` per date, sorted; holidays sharing a date share one line,
/// their names joined by " / " (1 June 2026 is Ziua Copilului and Rusalii Monday).
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    for line in lines(&public_holidays(args.year)) {
        writeln!(out, "{line}").context("writing to standard output")?;
    }
    out.flush().context("writing to standard output")
}

/// One line per date; the holidays come sorted by date.
fn lines(holidays: &[Holiday]) -> Vec<String> {
    holidays
        .chunk_by(|a, b| a.date == b.date)
        .filter_map(|same_day| {
            let first = same_day.first()?;
            // The names of the law, in Romanian, whatever the locale.
            let names: Vec<&str> = same_day
                .iter()
                .map(|holiday| Lang::Ro.t(holiday.kind.key()))
                .collect();
            Some(format!(
                "{}\t{}",
                first.date.format("%Y-%m-%d"),
                names.join(" / ")
            ))
        })
        .collect()
}
