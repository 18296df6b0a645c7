//! `epasapoarte token add|revoke|list` — API tokens for other systems (SPEC §3, §6.1).
//! `add` prints the new token once, on standard output, and never again: only its
//! SHA-256 is stored. `revoke` ends a token at once; names are never reused, so the audit
//! trail's `token:NAME` always means one token. Each change is written to the audit log.

use std::path::PathBuf;

use anyhow::bail;
use clap::Subcommand;

use crate::config::Config;
use crate::service::applications::tokens::{self, IssueTokenError};
use crate::staff::{Actor, AuditEvent};
use crate::store::DynStore;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: TokenCommand,
    /// A TOML file with the same keys as the EPAS_* variables.
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Issue a token for another system; prints it once.
    Add {
        /// Who will use it, e.g. `centrul-personalizare`: 1–64 of a-z, A-Z, 0-9, '.', '-', '_'.
        #[arg(long)]
        name: String,
    },
    /// Revoke a token by name: calls with it get 403 from now on.
    Revoke {
        #[arg(long)]
        name: String,
    },
    /// List the tokens: `name<TAB>created<TAB>active|revoked <when>`.
    List,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    crate::telemetry::init();
    let config = Config::load(args.config.as_deref())?;
    super::serve::runtime()?.block_on(async move {
        let store = crate::store::connect(config.database_url.expose()).await?;
        match args.command {
            TokenCommand::Add { name } => add(&store, &name).await,
            TokenCommand::Revoke { name } => revoke(&store, &name).await,
            TokenCommand::List => list(&store).await,
        }
    })
}

async fn add(store: &DynStore, name: &str) -> anyhow::Result<()> {
    let now = chrono::Utc::now();
    // The token and its audit line commit together.
    let line = line("api_token.issued", name).entry(now);
    let token = match tokens::issue(store.as_ref(), name, now, Some(&line)).await {
        Ok(token) => token,
        Err(IssueTokenError::Store(error)) => return Err(error.into()),
        Err(refused) => bail!("{refused}"),
    };
    println!("{token}");
    Ok(())
}

async fn revoke(store: &DynStore, name: &str) -> anyhow::Result<()> {
    let now = chrono::Utc::now();
    let line = line("api_token.revoked", name).entry(now);
    if !store.revoke_api_token(name, now, Some(&line)).await? {
        let known = store.api_tokens().await?.iter().any(|t| t.name == name);
        if known {
            bail!("the token {name:?} was already revoked");
        }
        bail!("there is no token named {name:?}");
    }
    println!("revoked {name}");
    Ok(())
}

async fn list(store: &DynStore) -> anyhow::Result<()> {
    let stamp = |at: chrono::DateTime<chrono::Utc>| at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    for token in store.api_tokens().await? {
        let state = match token.revoked_at {
            Some(at) => format!("revoked {}", stamp(at)),
            None => "active".to_owned(),
        };
        println!("{}\t{}\t{state}", token.name, stamp(token.created_at));
    }
    Ok(())
}

/// The audit line of a token change made at the command line.
fn line(action: &'static str, name: &str) -> AuditEvent {
    AuditEvent::new(Actor::System, action).target(format!("token:{name}"))
}
