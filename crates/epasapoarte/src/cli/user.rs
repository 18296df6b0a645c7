//! `epasapoarte user add --username U --role admin|manager|clerk [--office ID]` — creates
//! a staff account (SPEC §6.1). The password comes from standard input, never from the
//! command line: argv is visible to every user of the machine (`ps`) and lands in shell
//! histories. Prints the new account's id.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Subcommand;

use crate::config::Config;
use crate::ids::OfficeId;
use crate::staff::password::{self, NewPassword};
use crate::staff::{Actor, NewUser, Role, Username};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: UserCommand,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a staff account; the password is read from standard input.
    Add(AddArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Letters, digits, `.`, `_`, `-` (3–64); stored in lower case.
    #[arg(long)]
    pub username: String,
    /// admin (national), manager or clerk (one office).
    #[arg(long)]
    pub role: Role,
    /// The office of a manager or a clerk (its id, as in /api/v1/offices).
    #[arg(long)]
    pub office: Option<OfficeId>,
    /// A TOML file with the same keys as the EPAS_* variables.
    #[arg(long)]
    pub config: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    match args.command {
        UserCommand::Add(add) => add_user(add),
    }
}

fn add_user(args: AddArgs) -> anyhow::Result<()> {
    crate::telemetry::init();
    let Some(username) = Username::parse(&args.username) else {
        bail!(
            "the username must be {}–{} characters of a-z, 0-9, '.', '_' or '-'",
            Username::MIN,
            Username::MAX
        );
    };
    let password = read_password()?;
    let config = Config::load(args.config.as_deref())?;
    let user = NewUser {
        username,
        role: args.role,
        office_id: args.office,
        password,
    };
    super::serve::runtime()?.block_on(async move {
        let store = crate::store::connect(config.database_url.expose()).await?;
        let id = crate::staff::create_user(&store, chrono::Utc::now(), user, Actor::System).await?;
        println!("{id}");
        Ok(())
    })
}

/// The first line of standard input. At a terminal, typing is hidden and asked twice
/// (a typo cannot be seen); from a pipe, the one line is taken as it is.
fn read_password() -> anyhow::Result<NewPassword> {
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    let first = if interactive {
        prompt("Parolă / Password: ")?
    } else {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .context("reading the password from stdin")?;
        line
    };
    let password = NewPassword::parse(&first).map_err(|code| match code {
        "password_too_short" => anyhow::anyhow!(
            "the password must have at least {} characters",
            password::MIN_CHARS
        ),
        _ => anyhow::anyhow!(
            "the password must have at most {} characters",
            password::MAX_CHARS
        ),
    })?;
    if interactive && prompt("Încă o dată / Again: ")?.trim() != password.expose() {
        bail!("the two passwords differ");
    }
    Ok(password)
}

/// Reads one line from the terminal with echo off (best effort through `stty`).
fn prompt(label: &str) -> anyhow::Result<String> {
    eprint!("{label}");
    std::io::stderr().flush().ok();
    let echo = |on: bool| {
        std::process::Command::new("stty")
            .arg(if on { "echo" } else { "-echo" })
            .stdin(std::process::Stdio::inherit())
            .status()
    };
    let _ = echo(false);
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line);
    let _ = echo(true);
    eprintln!();
    read.context("reading the password")?;
    Ok(line)
}
