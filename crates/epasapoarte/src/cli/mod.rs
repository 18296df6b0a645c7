//! The subcommands of the `epasapoarte` binary (SPEC §6.1). One file per subcommand.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod audit;
mod backup;
mod cnp;
mod draw;
mod holidays;
mod migrate;
mod rotate_key;
mod seed;
pub mod serve;
mod token;
mod user;

/// ePașapoarte — programări online pașapoarte.
#[derive(Debug, Parser)]
#[command(name = "epasapoarte", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web service (JSON API, pages, background jobs).
    Serve(serve::Args),
    /// Apply the database schema migrations.
    Migrate(migrate::Args),
    /// A consistent copy of the SQLite database while it serves: `backup --to FILE`.
    Backup(backup::Args),
    /// Check the invariants (seats, one booking per CNP, mail, acknowledged bookings).
    Audit(audit::Args),
    /// Load the counties and the demo offices into the database (idempotent).
    Seed(seed::Args),
    /// Validate CNPs given as arguments, or one per line on standard input.
    Cnp(cnp::Args),
    /// Print the Romanian public holidays of a year, one `YYYY-MM-DD<TAB>name` per line.
    Holidays(holidays::Args),
    /// Staff accounts: `user add --username U --role admin|manager|clerk [--office ID]`.
    User(user::Args),
    /// The opening-day draw (SPEC §8): `draw run [--date D]` runs a due draw now.
    Draw(draw::Args),
    /// Seal all personal data again under a new key: EPAS_SECRET_KEY (new) and
    /// EPAS_PREVIOUS_SECRET_KEY (old) both set; safe while instances with both serve.
    RotateKey(rotate_key::Args),
    /// API tokens for other systems: `token add --name N` (printed once), `revoke`, `list`.
    Token(token::Args),
}

/// Runs one subcommand. Verdicts go to stdout; usage errors to stderr with a non-zero status.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Serve(args) => serve::run(args),
        Command::Migrate(args) => migrate::run(args),
        Command::Backup(args) => backup::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Seed(args) => seed::run(args),
        Command::Cnp(args) => cnp::run(args),
        Command::Holidays(args) => holidays::run(args),
        Command::User(args) => user::run(args),
        Command::Token(args) => token::run(args),
        Command::Draw(args) => draw::run(args),
        Command::RotateKey(args) => rotate_key::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("epasapoarte: {error:#}");
            ExitCode::FAILURE
        }
    }
}
