//! The two-instance story on one PostgreSQL database, run ONCE per test binary and shared
//! by the tests that judge it: one asserts the behaviour, another reads the debug logs the
//! two processes wrote meanwhile. A failure inside the story is kept (not lost in another
//! test's thread) and replayed by the behaviour test.

use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use epasapoarte::testing::TestDatabase;

use super::citizens::Family;
use super::mailbox;
use super::process::{self, Server};
use super::smtp_sink::SmtpSink;
use super::{checks, settle};

/// A fixed key for this test only (64 hex digits = 32 bytes).
pub const SECRET_KEY: &str = "6e0f0a55c1d2b3a4968778695a4b3c2d1e0f1a2b3c4d5e6f708192a3b4c5d6e7";
/// How many citizens rush in at once.
pub const CROWD: u32 = 200;

/// Credentials carried in both URLs, which no log line may show (issue 10 item 4).
/// PostgreSQL here trusts local connections, so its password is sent along but never
/// checked; the SMTP sink records the login it was given.
pub const DB_PASSWORD: &str = "pg-Pa55word-in-the-url-3141";
pub const SMTP_LOGIN: &str = "relay-user:smtp-Pa55word-2718";
/// How many bookings the test confirms (the others expire).
pub const CONFIRMED: usize = 5;

/// What the story leaves behind for the tests to judge.
#[derive(Debug)]
pub struct Evidence {
    /// The first assertion that failed (with its message), if any.
    pub failure: Option<String>,
    /// (process name, its stderr) for `seed`, `a` and `b`.
    pub logs: Vec<(String, String)>,
    /// Every CNP, name, phone, address and link token the story used or saw, and the key.
    pub secrets: Vec<String>,
    /// (phase, how long it took), in order.
    pub timings: Vec<(String, Duration)>,
}

/// What the story collects as it goes, kept even when it fails half-way.
#[derive(Default)]
pub struct Collected {
    pub families: Vec<Family>,
    pub timings: Vec<(String, Duration)>,
    pub sink: Option<Arc<SmtpSink>>,
}

pub type Shared = Arc<Mutex<Collected>>;

pub fn lap(collected: &Shared, phase: &str, since: Instant) {
    let mut collected = collected.lock().unwrap_or_else(|p| p.into_inner());
    collected.timings.push((phase.to_owned(), since.elapsed()));
}

static EVIDENCE: OnceLock<Option<Evidence>> = OnceLock::new();

/// The story's evidence; `None` when PostgreSQL is unavailable (and not required).
pub fn evidence() -> Option<&'static Evidence> {
    EVIDENCE.get_or_init(run_once).as_ref()
}

fn run_once() -> Option<Evidence> {
    let db = TestDatabase::postgres_or_skip()?;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let collected: Shared = Arc::default();
    let started = Instant::now();
    let outcome = std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("a runtime");
                runtime.block_on(story(&db.url, dir.path(), &collected));
            })
            .join()
    });
    let failure = outcome.err().map(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "the story panicked".to_owned())
    });
    let mut collected = collected.lock().unwrap_or_else(|p| p.into_inner());
    collected
        .timings
        .push(("whole story".to_owned(), started.elapsed()));
    let logs = ["seed", "a", "b"]
        .iter()
        .map(|name| {
            let text =
                std::fs::read_to_string(dir.path().join(format!("{name}.log"))).unwrap_or_default();
            ((*name).to_owned(), text)
        })
        .collect();
    let mut secrets: Vec<String> = collected
        .families
        .iter()
        .flat_map(Family::personal_data)
        .collect();
    if let Some(sink) = &collected.sink {
        // Every link token any e-mail carried: bearer secrets, never for the logs.
        secrets.extend(mailbox::all(sink).into_iter().filter_map(|m| m.token));
    }
    secrets.push(SECRET_KEY.to_owned());
    secrets.push(DB_PASSWORD.to_owned());
    secrets.extend(SMTP_LOGIN.split(':').map(str::to_owned));
    Some(Evidence {
        failure,
        logs,
        secrets,
        timings: std::mem::take(&mut collected.timings),
    })
}

/// The shared environment of both instances (and of `seed`).
fn environment(database_url: &str, sink: &SmtpSink) -> Vec<(&'static str, String)> {
    let (scheme, rest) = database_url.split_once("://").expect("a URL");
    let user_end = rest
        .find([':', '@'])
        .expect("a user in the test database URL");
    let host = &rest[rest.find('@').expect("user@host") + 1..];
    let with_password = format!("{scheme}://{}:{DB_PASSWORD}@{host}", &rest[..user_end]);
    vec![
        ("EPAS_DATABASE_URL", with_password),
        ("EPAS_SECRET_KEY", SECRET_KEY.to_owned()),
        (
            "EPAS_SMTP_URL",
            sink.url()
                .replacen("smtp://", &format!("smtp://{SMTP_LOGIN}@"), 1),
        ),
        ("EPAS_CONFIRM_TIMEOUT_SECS", "3".to_owned()),
        ("EPAS_RATE_LIMITS", "off".to_owned()),
        // First come, first served: a freed seat returns at once, so each slot's `taken`
        // equals the persons of its active bookings at every moment (see the ledger).
        ("EPAS_RELEASE_DELAY", "0-0".to_owned()),
        ("EPAS_BASE_URL", "http://ro.test".to_owned()),
        ("EPAS_LOG", "debug".to_owned()),
    ]
}

async fn story(database_url: &str, dir: &Path, collected: &Shared) {
    let sink = Arc::new(SmtpSink::start().await);
    collected.lock().unwrap_or_else(|p| p.into_inner()).sink = Some(sink.clone());
    let env = environment(database_url, &sink);
    let client = reqwest::Client::builder()
        // The server closes a keep-alive connection idle for 10 s (its header-read
        // timeout); reusing one that old would race that close.
        .pool_idle_timeout(std::time::Duration::from_secs(5))
        .timeout(Duration::from_secs(20))
        .build()
        .expect("an HTTP client");

    let t = Instant::now();
    let seeded = process::run_to_end(
        process::command(dir, &env).arg("seed"),
        &dir.join("seed.log"),
        Duration::from_secs(30),
    )
    .await;
    assert!(seeded.success(), "seed failed: {seeded}");
    lap(collected, "seed", t);

    let t = Instant::now();
    let mut a = Server::start("a", dir, process::free_port(), &[], &env, dir.join("a.log"));
    let mut b = Server::start("b", dir, process::free_port(), &[], &env, dir.join("b.log"));
    a.wait_ready(&client, Duration::from_secs(20)).await;
    b.wait_ready(&client, Duration::from_secs(20)).await;
    lap(collected, "both instances ready", t);

    // No reaper (idle timeout, lifetime): see src/store/postgres.rs on sqlx#3645.
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(2)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect(database_url)
        .await
        .expect("connecting to the test database");
    let run = checks::Run {
        client: &client,
        a: &a,
        b: &b,
        sink: &sink,
        pool: &pool,
        collected,
    };
    let crowd = checks::flash_crowd(&run).await;
    settle::each_mail_sent_once(&run, &crowd).await;
    settle::expiry_done_once(&run, &crowd).await;
    let logins = sink.logins();
    assert!(
        !logins.is_empty() && logins.iter().all(|login| login == SMTP_LOGIN),
        "the relay received the URL's credentials on every session"
    );
    pool.close().await;

    let t = Instant::now();
    for server in [&a, &b] {
        server.terminate();
    }
    for server in [&mut a, &mut b] {
        let status = server.wait_exit(Duration::from_secs(10)).await;
        assert!(
            status.is_some_and(|s| s.success()),
            "{} must exit 0 on SIGTERM within 10 s, got {status:?}",
            server.name
        );
    }
    lap(collected, "graceful shutdown of both", t);
}
