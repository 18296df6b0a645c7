//! Throwaway databases for the tests and the benchmark: a fresh SQLite file in its own
//! temporary directory, or a fresh PostgreSQL database with a random name, each removed
//! when dropped. Nothing here is used by the service itself: the module exists only in
//! the crate's own tests and with the `testing` feature (the integration tests and the
//! benchmark), so a plain build of the service leaves it out.
//!
//! PostgreSQL is found at `EPAS_TEST_POSTGRES_URL` (an admin URL; default
//! `postgres://postgres@127.0.0.1:5432/postgres`). When it cannot be reached, the
//! PostgreSQL half of a test is skipped loudly — unless `EPAS_REQUIRE_POSTGRES=1` (CI),
//! which turns that into a failure.

use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, anyhow};
use rand::Rng;
use sqlx::Connection;
use sqlx::postgres::PgConnection;

use crate::config::SecretKey;
use crate::seed;
use crate::store::{self, DynStore, NewOffice};

pub mod pow;
pub mod proxy;
pub mod smtp_sink;
#[cfg(test)]
mod tests;

/// The admin URL used when `EPAS_TEST_POSTGRES_URL` is unset.
pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// How long creating or dropping a test database may take before we give up.
const POSTGRES_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// One throwaway database; `url` is what `store::connect` takes.
#[derive(Debug)]
pub struct TestDatabase {
    pub url: String,
    pub backend: Backend,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    Directory(PathBuf),
    Database { admin_url: String, name: String },
}

/// Whether a missing PostgreSQL must fail the tests (`EPAS_REQUIRE_POSTGRES=1`, set by CI).
#[must_use]
pub fn postgres_required() -> bool {
    std::env::var("EPAS_REQUIRE_POSTGRES").is_ok_and(|value| value == "1")
}

impl TestDatabase {
    /// A new SQLite database file in a new temporary directory.
    ///
    /// # Panics
    /// When the temporary directory cannot be created (a broken test machine).
    #[must_use]
    pub fn sqlite() -> TestDatabase {
        let dir = std::env::temp_dir().join(format!("epas_test_{}", random_hex()));
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|error| panic!("creating {}: {error}", dir.display()));
        TestDatabase {
            url: format!("sqlite://{}/test.db", dir.display()),
            backend: Backend::Sqlite,
            cleanup: Cleanup::Directory(dir),
        }
    }

    /// A new, empty PostgreSQL database on the server at `EPAS_TEST_POSTGRES_URL`.
    pub fn postgres() -> anyhow::Result<TestDatabase> {
        let admin_url = std::env::var("EPAS_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned());
        let name = format!("epas_test_{}", random_hex());
        let sql = format!("CREATE DATABASE {name}");
        let admin = admin_url.clone();
        on_own_runtime(move || async move { admin_execute(&admin, &sql).await })
            .with_context(|| format!("creating a test database on {}", redact(&admin_url)))?;
        Ok(TestDatabase {
            url: with_database(&admin_url, &name),
            backend: Backend::Postgres,
            cleanup: Cleanup::Database { admin_url, name },
        })
    }

    /// A PostgreSQL database, or `None` (after a loud warning) when the server cannot be
    /// reached and [`postgres_required`] is off.
    ///
    /// # Panics
    /// When PostgreSQL cannot be reached and [`postgres_required`] is on.
    #[must_use]
    pub fn postgres_or_skip() -> Option<TestDatabase> {
        match TestDatabase::postgres() {
            Ok(db) => Some(db),
            Err(error) if postgres_required() => {
                panic!("EPAS_REQUIRE_POSTGRES=1 but PostgreSQL is unusable: {error:#}")
            }
            Err(error) => {
                // Straight to stderr: the test harness captures `eprintln!` of passing
                // tests, and a skip must not pass unnoticed.
                let _ = writeln!(
                    std::io::stderr(),
                    "!!! SKIPPING the PostgreSQL half of this test: {error:#}\n\
                     !!! (set EPAS_TEST_POSTGRES_URL, or EPAS_REQUIRE_POSTGRES=1 to fail instead)"
                );
                None
            }
        }
    }

    /// SQLite, and PostgreSQL when available (see [`TestDatabase::postgres_or_skip`]).
    #[must_use]
    pub fn all() -> Vec<TestDatabase> {
        let mut all = vec![TestDatabase::sqlite()];
        all.extend(TestDatabase::postgres_or_skip());
        all
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Directory(dir) => {
                // Best effort: a leftover temp dir is harmless, a panic in Drop is not.
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Database { admin_url, name } => {
                // FORCE ends the connections the test's pool still holds.
                let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                let admin = admin_url.clone();
                if let Err(error) =
                    on_own_runtime(move || async move { admin_execute(&admin, &sql).await })
                {
                    eprintln!("could not drop test database {name}: {error:#}");
                }
            }
        }
    }
}

/// A fixed key for tests only: anything sealed with it is readable by anyone.
#[must_use]
pub fn test_secret_key() -> SecretKey {
    // 32 bytes is the minimum length, so this cannot fail.
    SecretKey::from_bytes(b"epasapoarte TEST key, never prod".to_vec())
        .expect("32 bytes make a valid key")
}

/// A few of the demo offices (both Bucharest sites, Cluj, Timiș, Alba): enough for tests
/// that need more than one office without planning 46 offices' slots.
#[must_use]
pub fn test_offices() -> Vec<NewOffice> {
    seed::offices()
        .into_iter()
        .filter(|office| ["B", "CJ", "TM", "AB"].contains(&office.county_code.as_str()))
        .filter(|office| !office.name.contains("punctul de lucru"))
        .collect()
}

/// Connects (migrating) and loads the counties and [`test_offices`]. Slots are left to the
/// caller (`seed::plan_all_slots`, or `plan_slots` with chosen capacities).
pub async fn seeded_store(db: &TestDatabase) -> anyhow::Result<DynStore> {
    let store = store::connect(&db.url).await?;
    store.upsert_counties(&seed::counties()).await?;
    for office in test_offices() {
        store.insert_office(&office).await?;
    }
    Ok(store)
}

fn random_hex() -> String {
    format!("{:016x}", rand::thread_rng().r#gen::<u64>())
}

/// Runs `job` to completion on a current-thread runtime in a thread of its own, so it
/// works from sync code, from `Drop`, and from inside another runtime alike.
fn on_own_runtime<F, Fut, T>(job: F) -> anyhow::Result<T>
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = anyhow::Result<T>>,
    T: Send + 'static,
{
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        runtime.block_on(job())
    })
    .join()
    .map_err(|_| anyhow!("the database helper thread panicked"))?
}

async fn admin_execute(admin_url: &str, sql: &str) -> anyhow::Result<()> {
    tokio::time::timeout(POSTGRES_TIMEOUT, async {
        let mut conn = PgConnection::connect(admin_url).await?;
        sqlx::Executor::execute(&mut conn, sql).await?;
        conn.close().await?;
        anyhow::Ok(())
    })
    .await
    .map_err(|_| anyhow!("PostgreSQL did not answer within {POSTGRES_TIMEOUT:?}"))?
}

/// The admin URL with its database replaced by `name` (query parameters kept).
fn with_database(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (admin_url, None),
    };
    let authority_start = base.find("://").map_or(0, |at| at + 3);
    let server = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

/// The URL without its password, for error messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}
