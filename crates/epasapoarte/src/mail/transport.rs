//! How a rendered e-mail travels: SMTP (`EPAS_SMTP_URL`), `.eml` files in `EPAS_MAIL_DIR`
//! (the embedded default and the demo mailbox), or memory (tests). Every transport gets
//! the same MIME message (text + HTML alternatives, the `.ics` attachment) except memory,
//! which keeps the parts as they are for assertions.
//!
//! Errors say what failed in a few words and never carry an address or a server's reply
//! text (which may echo the address): they are stored in the outbox and shown to admins.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::RenderedMail;
use crate::config::Config;

mod file;
mod mime;

pub use file::list_mail_dir;

/// How long one SMTP command may wait for the relay (lettre's own timeout).
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

/// How long the whole exchange of one message may take before it counts as failed and is
/// retried (issue 13): lettre's async transport timed out only the connect, so a relay
/// that accepted and never answered stopped all mail, and SIGTERM, indefinitely.
pub const SMTP_DEADLINE: Duration = Duration::from_secs(60);

/// Who a message goes from and to, and the identifiers that make retries idempotent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub from: String,
    pub to: String,
    /// The full `<…@…>` value of the `Message-ID` header, stable across retries.
    pub message_id: String,
    /// The outbox row's id and creation time: they name the file transport's `.eml`.
    pub outbox_id: i64,
    pub created_at: DateTime<Utc>,
}

/// A message kept by the memory transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub message_id: String,
    pub ics: Option<String>,
}

/// How long a probe of a relay that was down may take.
const PROBE_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone)]
pub enum Mailer {
    /// The transport (pooled connections), the deadline of one message's exchange, and
    /// whether the relay answers (shared by every clone).
    Smtp(
        AsyncSmtpTransport<Tokio1Executor>,
        Duration,
        Arc<super::RelayWatch>,
    ),
    File {
        dir: PathBuf,
    },
    Memory(Arc<Mutex<Vec<SentMail>>>),
}

impl std::fmt::Debug for Mailer {
    // The SMTP transport's Debug would print its credentials.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Smtp(..) => f.write_str("Mailer::Smtp(<redacted>)"),
            Mailer::File { dir } => write!(f, "Mailer::File({})", dir.display()),
            Mailer::Memory(_) => f.write_str("Mailer::Memory"),
        }
    }
}

/// Why a message was not handed over; `Display` is short and free of personal data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    #[error("invalid {0} address")]
    Address(&'static str),
    #[error("message could not be built")]
    Build,
    /// Summarised: "permanent 550", "transient 451", "timeout", "connection", "tls".
    #[error("smtp {0}")]
    Smtp(String),
    #[error("mail file: {0}")]
    File(String),
}

impl SendError {
    /// The message itself cannot go out as it is: the relay refused it for good (5xx),
    /// its address is malformed, it cannot be built. Retrying later is for a person to
    /// look at, and it does not hold its booking (issue 13).
    pub fn undeliverable(&self) -> bool {
        match self {
            SendError::Address(_) | SendError::Build => true,
            SendError::Smtp(summary) => summary.starts_with("permanent"),
            SendError::File(_) => false,
        }
    }

    /// The relay could not be reached or is not taking mail at all: no use trying the
    /// next message before a probe says it answers again.
    pub fn relay_unreachable(&self) -> bool {
        match self {
            SendError::Smtp(summary) => {
                matches!(
                    summary.as_str(),
                    "timeout" | "connection" | "tls" | "transient 421"
                )
            }
            _ => false,
        }
    }
}

impl Mailer {
    /// SMTP when `smtp_url` is set, otherwise `.eml` files in `mail_dir`.
    pub fn from_config(config: &Config) -> anyhow::Result<Mailer> {
        match &config.smtp_url {
            Some(url) => Mailer::smtp(url.expose()),
            None => Ok(Mailer::File {
                dir: config.mail_dir.clone(),
            }),
        }
    }

    /// `smtp://[user:pass@]host:port` (plain, for a local relay), `smtp://…?tls=required`
    /// (STARTTLS) or `smtps://…` (implicit TLS). Credentials may be percent-encoded.
    /// Call it inside the Tokio runtime: the connection pool (the outbox sends several
    /// messages at once, each on a reused connection) starts its cleaner task here.
    pub fn smtp(url: &str) -> anyhow::Result<Mailer> {
        Mailer::smtp_within(url, SMTP_DEADLINE)
    }

    /// [`Mailer::smtp`] with another deadline for one message's whole exchange.
    pub fn smtp_within(url: &str, deadline: Duration) -> anyhow::Result<Mailer> {
        let scheme = url.split_once("://").map(|(scheme, _)| scheme);
        if !matches!(scheme, Some("smtp" | "smtps")) {
            bail!("EPAS_SMTP_URL must start with smtp:// or smtps://");
        }
        // lettre's error names only the part that is wrong, never the password.
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .context("EPAS_SMTP_URL is not a valid SMTP URL")?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(Mailer::Smtp(transport, deadline, Arc::default()))
    }

    /// A memory mailer (tests): read what it kept with [`Mailer::sent`].
    pub fn memory() -> Mailer {
        Mailer::Memory(Arc::new(Mutex::new(Vec::new())))
    }

    /// What the memory transport has kept so far, oldest first; empty for the others.
    pub fn sent(&self) -> Vec<SentMail> {
        match self {
            Mailer::Memory(sent) => sent
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .clone(),
            _ => Vec::new(),
        }
    }

    /// The directory of the file transport (the demo mailbox page lists it).
    pub fn mail_dir(&self) -> Option<&Path> {
        match self {
            Mailer::File { dir } => Some(dir),
            _ => None,
        }
    }

    /// How many messages the outbox hands over at once. SMTP waits on the network, so
    /// several sends overlap (each on a pooled connection). Files are one at a time: the
    /// work is the kernel's, and parallel creates in one directory only contend for its
    /// lock (measured: bookings/s fell by a quarter with 8 at once, mail/s did not rise).
    pub fn parallel_sends(&self) -> usize {
        match self {
            Mailer::Smtp(..) => 8,
            Mailer::File { .. } | Mailer::Memory(_) => 1,
        }
    }

    /// What this instance knows of its relay; `None` for files and memory, which are
    /// always there.
    pub fn relay(&self) -> Option<&super::RelayWatch> {
        match self {
            Mailer::Smtp(_, _, watch) => Some(watch),
            Mailer::File { .. } | Mailer::Memory(_) => None,
        }
    }

    /// Whether the relay answers: one connection, its greeting and `EHLO`, within
    /// [`PROBE_TIMEOUT`]. Always true for files and memory.
    pub async fn probe(&self) -> bool {
        match self {
            Mailer::Smtp(transport, ..) => matches!(
                tokio::time::timeout(PROBE_TIMEOUT, transport.test_connection()).await,
                Ok(Ok(true))
            ),
            Mailer::File { .. } | Mailer::Memory(_) => true,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Mailer::Smtp(..) => "smtp",
            Mailer::File { .. } => "file",
            Mailer::Memory(_) => "memory",
        }
    }

    pub async fn send(
        &self,
        envelope: &Envelope,
        rendered: &RenderedMail,
    ) -> Result<(), SendError> {
        match self {
            Mailer::Memory(sent) => {
                let mail = SentMail {
                    to: envelope.to.clone(),
                    subject: rendered.subject.clone(),
                    text: rendered.text.clone(),
                    html: rendered.html.clone(),
                    message_id: envelope.message_id.clone(),
                    ics: rendered.ics.clone(),
                };
                sent.lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .push(mail);
                Ok(())
            }
            Mailer::File { dir } => {
                let message = mime::build(envelope, rendered)?;
                file::write(dir, envelope, message.formatted()).await
            }
            Mailer::Smtp(transport, deadline, _) => {
                let message = mime::build(envelope, rendered)?;
                // Past the deadline the exchange is dropped (its connection with it, never
                // back in the pool) and the outbox retries the message later.
                match tokio::time::timeout(*deadline, transport.send(message)).await {
                    Ok(sent) => sent
                        .map(|_| ())
                        .map_err(|error| SendError::Smtp(summarise(&error))),
                    Err(_) => Err(SendError::Smtp("timeout".to_owned())),
                }
            }
        }
    }
}

/// An SMTP error in a few words: its class and reply code, never the reply's text.
fn summarise(error: &lettre::transport::smtp::Error) -> String {
    let code = error.status().map(|code| code.to_string());
    match (code, error) {
        (Some(code), e) if e.is_permanent() => format!("permanent {code}"),
        (Some(code), e) if e.is_transient() => format!("transient {code}"),
        (_, e) if e.is_timeout() => "timeout".to_owned(),
        (_, e) if e.is_tls() => "tls".to_owned(),
        (_, e) if e.is_response() || e.is_client() => "protocol".to_owned(),
        _ => "connection".to_owned(),
    }
}
