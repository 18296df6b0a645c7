//! One backend's run, start to end: a throwaway database, seeded; the real server on it;
//! phases (a)–(c) over HTTP; an audit of every seat; the server stopped; then (d) the
//! raw baseline on a second throwaway database; finally the issue's targets.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{Days, Utc};
use epasapoarte::store::DynStore;
use epasapoarte::testing::{Backend, TestDatabase};

use crate::Args;
use crate::db::Probe;
use crate::load::PhaseStats;
use crate::machine::{RssSampler, memory_kib};
use crate::people::CnpSource;
use crate::phases::raw::RawSetup;
use crate::phases::{Ctx, availability, bookings, catalog, flash, raw};
use crate::report::{Check, Report};
use crate::server::Server;

/// The issue's figures (SPEC targets on a 2-core machine).
const PG_BOOKINGS_PER_S: f64 = 3_000.0;
const PG_READS_PER_S: f64 = 10_000.0;
const SQLITE_BOOKINGS_PER_S: f64 = 2_000.0;
const P99_MS: f64 = 50.0;
const RSS_MB: f64 = 200.0;

/// The shared HTTP client: one pool, connections kept alive and reused, no limit on
/// connections per host (the flash crowd opens thousands).
pub fn http_client() -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        // The server closes a keep-alive connection idle for 10 s (its header-read
        // timeout); reusing one that old would race that close.
        .pool_idle_timeout(std::time::Duration::from_secs(5))
        .pool_max_idle_per_host(usize::MAX)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(60))
        .build()
        .context("building the HTTP client")
}

/// The database a PostgreSQL URL names (`None` for SQLite).
fn database_name(url: &str) -> Option<String> {
    if !url.starts_with("postgres") {
        return None;
    }
    let path = url.split('?').next()?;
    path.rsplit('/').next().map(str::to_owned)
}

fn throwaway(backend: Backend) -> anyhow::Result<TestDatabase> {
    match backend {
        Backend::Sqlite => Ok(TestDatabase::sqlite()),
        Backend::Postgres => TestDatabase::postgres(),
    }
}

/// Migrates and seeds `db` (46 offices, their slots over the horizon).
async fn seeded(db: &TestDatabase, what: &str, report: &mut Report) -> anyhow::Result<DynStore> {
    let started = Instant::now();
    let store = epasapoarte::store::connect(&db.url).await?;
    let seeded = epasapoarte::seed::seed(store.as_ref(), Utc::now()).await?;
    let text = format!(
        "{what}: seeded {} counties, {} offices, {} slots in {:.1} s, then settled before \
         measuring (SQLite: WAL checkpoint; PostgreSQL: ANALYZE + CHECKPOINT)",
        seeded.counties,
        seeded.offices_created,
        seeded.slots_created,
        started.elapsed().as_secs_f64()
    );
    eprintln!("  {}: {text}", db.backend.as_str());
    report.note(db.backend.as_str(), text);
    Ok(store)
}

pub async fn backend(
    args: &Args,
    backend: Backend,
    binary: &Path,
    report: &mut Report,
) -> anyhow::Result<()> {
    let name = backend.as_str();
    eprintln!("{name}: creating a throwaway database");
    // Kept until the end of the run, as the raw baseline's database is.
    let db = throwaway(backend)?;
    let (http, peak_rss_mib) = http_phases(args, &db, binary, report).await?;

    eprintln!("{name}: raw baseline on a second throwaway database");
    let raw_stats = raw_baseline(args, backend, http.payload_len, report).await?;

    let created = &http.created;
    let ratio = created.throughput() / raw_stats.throughput().max(1e-9);
    report.note(
        name,
        format!(
            "HTTP bookings/s ÷ raw store bookings/s = {:.0} ÷ {:.0} = {ratio:.2} (sealed outbox payload {} bytes)",
            created.throughput(),
            raw_stats.throughput(),
            http.payload_len
        ),
    );
    targets(
        report,
        args,
        backend,
        &[&http.reads, created, &http.confirmed],
        peak_rss_mib,
    );
    Ok(())
}

/// What the phases over HTTP measured.
struct Phases {
    reads: PhaseStats,
    created: PhaseStats,
    confirmed: PhaseStats,
    /// The mean size of a sealed confirm-request payload, for the raw baseline.
    payload_len: i64,
}

/// Phases (a)–(c) against the real server on `db`, then the audit of every seat; with
/// the server's peak RSS in MiB.
async fn http_phases(
    args: &Args,
    db: &TestDatabase,
    binary: &Path,
    report: &mut Report,
) -> anyhow::Result<(Phases, f64)> {
    let name = db.backend.as_str();
    // The seeding connection goes before the server opens its own.
    drop(seeded(db, "HTTP phases' database", report).await?);
    let probe = Probe::connect(&db.url).await?;
    probe.settle().await?;
    let client = http_client()?;
    let mut server = Server::start(binary, &db.url, &client).await?;
    eprintln!(
        "  {name}: server pid {} on {}",
        server.pid(),
        server.base_url
    );
    let rss = RssSampler::start(server.pid());
    let ctx = Ctx {
        backend: db.backend,
        client,
        base_url: server.base_url.clone(),
        duration: Duration::from_secs(args.seconds),
        clients: args.clients,
        cnps: Arc::new(CnpSource::default()),
        server_pid: Some(server.pid()),
        rss: Some(rss.clone()),
        probe,
        database: database_name(&db.url),
        mail_dir: server.mail_dir.clone(),
        mail_wait: Duration::from_secs(args.mail_wait),
    };
    let run = phases(args, &ctx, report).await?;
    audit_every_seat(&ctx, report).await?;
    let peak_rss_mib = memory_kib(server.pid()).map_or(f64::NAN, |(_, hwm)| hwm as f64 / 1024.0);
    let still_running = server.is_running();
    let logged = server.log_lines();
    if logged > 0 {
        report.note(
            name,
            format!(
                "the server logged {logged} lines at warn/error; the last:\n```\n{}\n```",
                server.log_tail()
            ),
        );
    }
    rss.stop();
    ctx.probe.close().await;
    drop(server);
    anyhow::ensure!(still_running, "the server died during the run");
    Ok((run, peak_rss_mib))
}

/// (a) availability reads, (b) bookings created then confirmed, (c) the flash crowd on a
/// day kept apart from (b).
async fn phases(args: &Args, ctx: &Ctx, report: &mut Report) -> anyhow::Result<Phases> {
    // Tomorrow in Romania: today's slots may pass while the run goes on.
    let today = Utc::now()
        .with_timezone(&epasapoarte::seed::TIMEZONE)
        .date_naive();
    let mut slots = catalog::free_slots(ctx, today + Days::new(1)).await?;
    let flash_day = catalog::take_flash_day(&mut slots)?;
    let seats = catalog::shuffled_seats(&slots);
    report.note(
        ctx.backend.as_str(),
        format!(
            "{} free seats in {} slots for phase (b); the flash-crowd day (office {}, {}) kept apart",
            seats.len(),
            slots.len(),
            flash_day.office_id,
            flash_day.date
        ),
    );
    let reads = availability::run(ctx, report, flash_day.office_id, flash_day.date).await?;
    let first_booking = Instant::now();
    let created = bookings::create(ctx, report, seats).await?;
    let payload_len = ctx.probe.mean_confirm_request_payload().await?;
    let tokens = bookings::tokens_from_mail(ctx, report, created.ok, first_booking).await?;
    let confirmed = bookings::confirm(ctx, report, tokens).await?;
    let (crowd, attempts) = (args.flash_clients, args.flash_attempts);
    flash::run(ctx, report, &flash_day, crowd, attempts).await?;
    Ok(Phases {
        reads,
        created,
        confirmed,
        payload_len,
    })
}

/// Every slot of the database after the phases: no seat overbooked or miscounted.
async fn audit_every_seat(ctx: &Ctx, report: &mut Report) -> anyhow::Result<()> {
    let audit = ctx.probe.audit_all().await?;
    report.checks.push(Check::new(
        ctx.backend.as_str(),
        "every slot of the database: taken ≤ capacity and = persons of active bookings",
        format!(
            "{} slots audited, {} overbooked/mismatched seats",
            audit.slots,
            audit.overbooked()
        ),
        audit.overbooked() == 0,
    ));
    Ok(())
}

/// (d) `store.create_booking` straight on a second throwaway database.
async fn raw_baseline(
    args: &Args,
    backend: Backend,
    payload_len: i64,
    report: &mut Report,
) -> anyhow::Result<PhaseStats> {
    let raw_db = throwaway(backend)?;
    let store = seeded(&raw_db, "raw baseline's database", report).await?;
    let raw_probe = Probe::connect(&raw_db.url).await?;
    raw_probe.settle().await?;
    raw_probe.close().await;
    let setup = RawSetup {
        backend,
        clients: args.clients,
        duration: Duration::from_secs(args.seconds),
        payload_len: usize::try_from(payload_len).unwrap_or(0),
        database: database_name(&raw_db.url),
    };
    let raw_stats = raw::run(store.clone(), setup, report).await?;
    drop(store);
    drop(raw_db);
    Ok(raw_stats)
}

fn targets(
    report: &mut Report,
    args: &Args,
    backend: Backend,
    phases: &[&PhaseStats; 3],
    peak_rss_mib: f64,
) {
    let name = backend.as_str();
    let [reads, created, confirmed] = *phases;
    let per_s = |stats: &PhaseStats| format!("{:.0}/s", stats.throughput());
    let min_bookings = match backend {
        Backend::Postgres => PG_BOOKINGS_PER_S,
        Backend::Sqlite => SQLITE_BOOKINGS_PER_S,
    };
    report.checks.push(Check::new(
        name,
        format!("bookings created ≥ {min_bookings:.0}/s"),
        per_s(created),
        created.throughput() >= min_bookings,
    ));
    if backend == Backend::Postgres {
        report.checks.push(Check::new(
            name,
            format!("availability reads ≥ {PG_READS_PER_S:.0}/s"),
            per_s(reads),
            reads.throughput() >= PG_READS_PER_S,
        ));
    }
    for (phase, stats) in [
        ("availability reads", reads),
        ("bookings created", created),
        ("bookings confirmed", confirmed),
    ] {
        let p99 = stats.percentile_ms(0.99);
        report.checks.push(Check::new(
            name,
            format!("{phase}: p99 < {P99_MS:.0} ms at {} clients", args.clients),
            format!("{p99:.2} ms"),
            p99 < P99_MS && stats.ok > 0,
        ));
    }
    report.checks.push(Check::new(
        name,
        format!("server RSS < {RSS_MB:.0} MB (VmHWM, whole run)"),
        format!("{peak_rss_mib:.0} MB"),
        peak_rss_mib < RSS_MB,
    ));
}
