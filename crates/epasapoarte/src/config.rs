//! Service configuration in layers: built-in defaults → optional TOML file (`--config`)
//! → `EPAS_*` environment variables (SPEC §6.1) → validation. Secrets are wrapped so that
//! printing a `Config` never shows them.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;

mod fair;
mod secret;
mod secret_url;
pub mod sim_clock;

pub use fair::FairAccess;
pub use secret::SecretKey;
pub use secret_url::SecretUrl;
pub use sim_clock::SimClock;

/// The validated configuration every part of the service reads.
#[derive(Debug, Clone)]
pub struct Config {
    /// May carry a password: prints redacted (`SecretUrl`).
    pub database_url: SecretUrl,
    pub listen: String,
    pub base_url: String,
    /// May carry `user:password@`: prints redacted.
    pub smtp_url: Option<SecretUrl>,
    pub mail_dir: PathBuf,
    pub mail_from: String,
    pub confirm_timeout_secs: u64,
    pub secret_key: Option<SecretKey>,
    /// `EPAS_PREVIOUS_SECRET_KEY`, during a key rotation only: still opens what it sealed
    /// and is accepted by the key check; nothing new is sealed under it.
    pub previous_secret_key: Option<SecretKey>,
    pub rate_limits: bool,
    /// Days after the appointment before personal data is deleted (SPEC §7).
    pub retention_days: u32,
    /// How long before an appointment its reminder e-mail goes out (issue 12; 0 = none).
    pub reminder_before_secs: u64,
    /// Days after an application ends (handed over, shipped or rejected) before its
    /// personal data is deleted; the anonymous row stays for the counts (issue 12).
    pub application_retention_days: u32,
    /// Fair access (SPEC §8): draw, holds, delayed release, reconfirmation, cool-off.
    pub fair: FairAccess,
    /// The simulation clock (`EPAS_CLOCK_SCALE`, `EPAS_CLOCK_START`); `None` in
    /// production: the system clock.
    pub sim_clock: Option<SimClock>,
    /// `EPAS_METRICS_TOKEN`: `/metrics` asks for it as a bearer token; without one it
    /// answers the machine itself only (loopback), never the public (issue 13).
    pub metrics_token: Option<secrecy::SecretString>,
    /// `EPAS_TRUSTED_PROXIES`: the load balancers whose `Forwarded`/`X-Forwarded-For`
    /// name the client (issue 13); empty: the TCP peer is the client.
    pub trusted_proxies: Vec<crate::http::forwarded::Cidr>,
    /// `EPAS_MAX_CONNECTIONS`: open client connections served at once (issue 13); past
    /// it the service stops accepting and the kernel's backlog queues the rest, so a
    /// flood of idle or half-sent connections cannot exhaust file descriptors.
    pub max_connections: u32,
}

/// The keys a TOML file or the environment may set; every one optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Layer {
    database_url: Option<String>,
    listen: Option<String>,
    base_url: Option<String>,
    smtp_url: Option<String>,
    mail_dir: Option<PathBuf>,
    mail_from: Option<String>,
    confirm_timeout_secs: Option<u64>,
    secret_key: Option<String>,
    previous_secret_key: Option<String>,
    rate_limits: Option<String>,
    retention_days: Option<u32>,
    application_retention_days: Option<u32>,
    reminder_before_secs: Option<u64>,
    draw: Option<String>,
    draw_at: Option<String>,
    hold_secs: Option<String>,
    release_delay: Option<String>,
    reconfirm_before_secs: Option<u64>,
    reconfirm_window_secs: Option<u64>,
    no_show_cooloff_days: Option<u32>,
    clock_scale: Option<u64>,
    clock_start: Option<String>,
    metrics_token: Option<String>,
    trusted_proxies: Option<String>,
    max_connections: Option<u32>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: SecretUrl::from("sqlite://data/epasapoarte.db"),
            listen: "127.0.0.1:8080".into(),
            base_url: "http://127.0.0.1:8080".into(),
            smtp_url: None,
            mail_dir: PathBuf::from("data/mail"),
            mail_from: "programari@epasapoarte.local".into(),
            confirm_timeout_secs: 1800,
            secret_key: None,
            previous_secret_key: None,
            rate_limits: true,
            retention_days: 30,
            application_retention_days: 365,
            reminder_before_secs: 2 * 24 * 3600,
            fair: FairAccess::default(),
            sim_clock: None,
            metrics_token: None,
            trusted_proxies: Vec::new(),
            max_connections: 4096,
        }
    }
}

impl Config {
    /// Defaults, then the file (if any), then the process environment.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Config> {
        let mut config = Config::default();
        if let Some(path) = file {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading config file {}", path.display()))?;
            let layer: Layer = toml::from_str(&text).map_err(|error| {
                anyhow::anyhow!(
                    "parsing config file {}: {}",
                    path.display(),
                    toml_problem(&text, &error)
                )
            })?;
            config.apply(layer)?;
        }
        config.apply(Layer::from_env(|name| std::env::var(name).ok())?)?;
        config.validate()?;
        Ok(config)
    }

    /// Whether the service runs on PostgreSQL (otherwise SQLite).
    pub fn is_postgres(&self) -> bool {
        self.database_url.starts_with("postgres://")
            || self.database_url.starts_with("postgresql://")
    }

    fn apply(&mut self, layer: Layer) -> anyhow::Result<()> {
        let Layer {
            database_url,
            listen,
            base_url,
            smtp_url,
            mail_dir,
            mail_from,
            confirm_timeout_secs,
            secret_key,
            previous_secret_key,
            rate_limits,
            retention_days,
            application_retention_days,
            reminder_before_secs,
            draw,
            draw_at,
            hold_secs,
            release_delay,
            reconfirm_before_secs,
            reconfirm_window_secs,
            no_show_cooloff_days,
            clock_scale,
            clock_start,
            metrics_token,
            trusted_proxies,
            max_connections,
        } = layer;
        set(&mut self.max_connections, max_connections);
        if let Some(list) = trusted_proxies {
            self.trusted_proxies =
                crate::http::forwarded::parse_list(&list).map_err(anyhow::Error::msg)?;
        }
        if let Some(token) = metrics_token {
            let token = token.trim().to_owned();
            self.metrics_token = (!token.is_empty()).then(|| secrecy::SecretString::from(token));
        }
        set(&mut self.database_url, database_url.map(SecretUrl::from));
        set(&mut self.listen, listen);
        set(
            &mut self.base_url,
            base_url.map(|url| url.trim_end_matches('/').to_owned()),
        );
        set(&mut self.mail_dir, mail_dir);
        set(&mut self.mail_from, mail_from);
        set(&mut self.confirm_timeout_secs, confirm_timeout_secs);
        set(&mut self.retention_days, retention_days);
        set(
            &mut self.application_retention_days,
            application_retention_days,
        );
        set(&mut self.reminder_before_secs, reminder_before_secs);
        if let Some(url) = smtp_url {
            self.smtp_url = (!url.trim().is_empty()).then(|| SecretUrl::from(url));
        }
        if let Some(key) = secret_key {
            self.secret_key = Some(SecretKey::parse(&key)?);
        }
        if let Some(key) = previous_secret_key {
            self.previous_secret_key = if key.trim().is_empty() {
                None
            } else {
                Some(SecretKey::parse_named(&key, "EPAS_PREVIOUS_SECRET_KEY")?)
            };
        }
        if let Some(value) = rate_limits {
            self.rate_limits = parse_switch("rate_limits", &value)?;
        }
        let policy = &mut self.fair;
        if let Some(value) = draw {
            policy.draw = parse_switch("EPAS_DRAW", &value)?;
        }
        set(
            &mut policy.draw_at,
            draw_at.map(|t| fair::parse_draw_at(&t)).transpose()?,
        );
        set(
            &mut policy.hold,
            hold_secs.map(|t| fair::parse_hold(&t)).transpose()?,
        );
        set(
            &mut policy.release_delay,
            release_delay
                .map(|t| fair::parse_release_delay(&t))
                .transpose()?,
        );
        if let Some(secs) = reconfirm_before_secs {
            policy.reconfirm.before = fair::seconds(secs, "EPAS_RECONFIRM_BEFORE_SECS")?;
        }
        if let Some(secs) = reconfirm_window_secs {
            policy.reconfirm.window = fair::seconds(secs, "EPAS_RECONFIRM_WINDOW_SECS")?;
        }
        if let Some(days) = no_show_cooloff_days {
            policy.cooloff.days = days;
        }
        if clock_scale.is_some() || clock_start.is_some() {
            let current = self.sim_clock;
            let scale = clock_scale.or_else(|| current.map(|c| u64::from(c.scale)));
            let start =
                clock_start.or_else(|| current.and_then(|c| c.start.map(|s| s.to_rfc3339())));
            self.sim_clock = SimClock::parse(scale, start.as_deref())?;
        }
        Ok(())
    }

    fn validate(&self) -> anyhow::Result<()> {
        if !(self.database_url.starts_with("sqlite:") || self.is_postgres()) {
            bail!("EPAS_DATABASE_URL must start with sqlite:// or postgres://");
        }
        if self.is_postgres() && self.secret_key.is_none() {
            bail!(
                "EPAS_SECRET_KEY is required with PostgreSQL: the key must never live in the \
                 database it protects"
            );
        }
        if self.previous_secret_key.is_some() && self.previous_secret_key == self.secret_key {
            bail!("EPAS_PREVIOUS_SECRET_KEY is the same key as EPAS_SECRET_KEY");
        }
        // Short timeouts are legitimate in tests and drills; a day is the sane ceiling.
        if !(1..=86_400).contains(&self.confirm_timeout_secs) {
            bail!("EPAS_CONFIRM_TIMEOUT_SECS must be between 1 and 86400");
        }
        self.fair.validate()?;
        if !(1..=1_000_000).contains(&self.max_connections) {
            bail!("EPAS_MAX_CONNECTIONS must be between 1 and 1000000");
        }
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            bail!("EPAS_BASE_URL must be an http:// or https:// URL");
        }
        Ok(())
    }
}

impl Layer {
    fn from_env(var: impl Fn(&str) -> Option<String>) -> anyhow::Result<Layer> {
        let number = |name: &str| -> anyhow::Result<Option<u64>> {
            var(name)
                .map(|v| {
                    v.trim()
                        .parse::<u64>()
                        .with_context(|| format!("{name} must be a whole number"))
                })
                .transpose()
        };
        let days = |name: &str| -> anyhow::Result<Option<u32>> {
            number(name)?
                .map(|days| u32::try_from(days).with_context(|| format!("{name} is too large")))
                .transpose()
        };
        Ok(Layer {
            database_url: var("EPAS_DATABASE_URL"),
            listen: var("EPAS_LISTEN"),
            base_url: var("EPAS_BASE_URL"),
            smtp_url: var("EPAS_SMTP_URL"),
            mail_dir: var("EPAS_MAIL_DIR").map(PathBuf::from),
            mail_from: var("EPAS_MAIL_FROM"),
            confirm_timeout_secs: number("EPAS_CONFIRM_TIMEOUT_SECS")?,
            secret_key: var("EPAS_SECRET_KEY"),
            previous_secret_key: var("EPAS_PREVIOUS_SECRET_KEY"),
            rate_limits: var("EPAS_RATE_LIMITS"),
            retention_days: days("EPAS_RETENTION_DAYS")?,
            application_retention_days: days("EPAS_APPLICATION_RETENTION_DAYS")?,
            reminder_before_secs: number("EPAS_REMINDER_BEFORE_SECS")?,
            draw: var("EPAS_DRAW"),
            draw_at: var("EPAS_DRAW_AT"),
            hold_secs: var("EPAS_HOLD_SECS"),
            release_delay: var("EPAS_RELEASE_DELAY"),
            reconfirm_before_secs: number("EPAS_RECONFIRM_BEFORE_SECS")?,
            reconfirm_window_secs: number("EPAS_RECONFIRM_WINDOW_SECS")?,
            no_show_cooloff_days: days("EPAS_NO_SHOW_COOLOFF_DAYS")?,
            clock_scale: number("EPAS_CLOCK_SCALE")?,
            clock_start: var("EPAS_CLOCK_START"),
            metrics_token: var("EPAS_METRICS_TOKEN"),
            trusted_proxies: var("EPAS_TRUSTED_PROXIES"),
            max_connections: days("EPAS_MAX_CONNECTIONS")?,
        })
    }
}

/// Where a TOML file is wrong, without quoting it: toml's own message shows the offending
/// line, and that line may be `database_url = "postgres://user:password@…"`. Quoted values
/// in the message itself are dropped for the same reason.
fn toml_problem(text: &str, error: &toml::de::Error) -> String {
    let line = error
        .span()
        .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
    let mut message = String::new();
    let mut quoted = false;
    for c in error.message().chars() {
        match c {
            '"' if !quoted => {
                quoted = true;
                message.push_str("\"…\"");
            }
            '"' => quoted = false,
            _ if quoted => {}
            c => message.push(c),
        }
    }
    match line {
        Some(line) => format!("line {line}: {}", message.trim()),
        None => message.trim().to_owned(),
    }
}

fn set<T>(slot: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *slot = value;
    }
}

fn parse_switch(name: &str, value: &str) -> anyhow::Result<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "on" | "true" | "1" | "yes" => Ok(true),
        "off" | "false" | "0" | "no" => Ok(false),
        other => bail!("{name} must be on or off, not {other:?}"),
    }
}

#[cfg(test)]
mod tests;
