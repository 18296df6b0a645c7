//! The subcommands of the `epasapoarte` binary (SPEC §6.1). One file per subcommand.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cnp;
mod holidays;

/// ePașapoarte — programări online pașapoarte.
#[derive(Debug, Parser)]
#[command(name = "epasapoarte", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate CNPs given as arguments, or one per line on standard input.
    Cnp(cnp::Args),
    /// Print the Romanian public holidays of a year, one `YYYY-MM-DD<TAB>name` per line.
    Holidays(holidays::Args),
}

/// Runs one subcommand. Verdicts go to stdout; usage errors to stderr with a non-zero status.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Cnp(args) => cnp::run(args),
        Command::Holidays(args) => holidays::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("epasapoarte: {error:#}");
            ExitCode::FAILURE
        }
    }
}
