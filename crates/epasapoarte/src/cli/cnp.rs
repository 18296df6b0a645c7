//! `epasapoarte cnp [CNP...]`: validates CNPs given as arguments or, when none are given,
//! one per line on standard input; prints one tab-separated verdict line per input.

use std::ffi::OsString;
use std::fmt;
use std::io::{self, BufRead, BufWriter, Write};

use anyhow::Context;
use chrono::NaiveDate;
use epasapoarte_domain::cnp::Cnp;

#[derive(clap::Args)]
pub struct Args {
    /// CNPs to check; when none are given, one per line is read from standard input.
    #[arg(value_name = "CNP", allow_hyphen_values = true)]
    cnps: Vec<OsString>,
}

impl fmt::Debug for Args {
    /// Masked: the arguments are CNPs, personal data that must not reach a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Args {{ cnps: <{} redacted> }}", self.cnps.len())
    }
}

/// Prints the verdicts. An invalid CNP is an answer, not an error: only I/O fails.
pub fn run(args: Args) -> anyhow::Result<()> {
    // The domain never reads the clock; "today" is the operator's local date.
    let today = chrono::Local::now().date_naive();
    let mut out = BufWriter::new(io::stdout().lock());
    let written = if args.cnps.is_empty() {
        verdicts_for_lines(io::stdin().lock(), &mut out, today)
    } else {
        args.cnps
            .iter()
            .try_for_each(|arg| write_verdict(&mut out, &arg.to_string_lossy(), today))
    };
    match written.and_then(|()| out.flush()) {
        // A closed pipe (`… | head`) means the reader has had enough.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        result => result.context("cannot write the CNP verdicts"),
    }
}

/// One verdict per line of `input`, streamed: only the current line is held.
fn verdicts_for_lines(
    mut input: impl BufRead,
    out: &mut impl Write,
    today: NaiveDate,
) -> io::Result<()> {
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let content = line
            .strip_suffix(b"\n")
            .map_or(&line[..], |l| l.strip_suffix(b"\r").unwrap_or(l));
        // Bytes that are not UTF-8 become U+FFFD, which the CNP rules reject as an
        // invalid character: the line gets a verdict instead of aborting the batch.
        write_verdict(out, &String::from_utf8_lossy(content), today)?;
    }
}

/// `<CNP>\tvalid\t<YYYY-MM-DD>\t<M|F>\t<JJ>` or `<input>\tinvalid\t<reason>`.
fn write_verdict(out: &mut impl Write, input: &str, today: NaiveDate) -> io::Result<()> {
    match Cnp::parse(input, today) {
        Ok(cnp) => writeln!(
            out,
            "{cnp}\tvalid\t{}\t{}\t{}",
            cnp.birth_date().format("%Y-%m-%d"),
            cnp.sex().as_letter(),
            cnp.county_code_str(),
        ),
        Err(reason) => writeln!(out, "{}\tinvalid\t{reason}", Escaped(input.trim_ascii())),
    }
}

/// Echoes text with control characters (tab, CR, LF, other C0 and C1) escaped, so an
/// input can never break the tab-separated, one-line-per-input format.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}
