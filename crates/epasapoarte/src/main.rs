//! The `epasapoarte` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    epasapoarte::cli::run(epasapoarte::cli::Cli::parse())
}
