//! The six scenarios. Each: a database, two instances, the rush for [`WARM`], the fault,
//! the rush on until the service answers again and [`AFTER`] more, then the audit.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use epasapoarte::testing::TestDatabase;
use epasapoarte::testing::proxy::{Mode, Proxy};
use epasapoarte::testing::smtp_sink::SmtpSink;

use super::audit::{audit, overbooked};
use super::cluster::{HaCluster, PrivateCluster};
use super::rush::{Rush, Tally};
use super::{Fault, Outcome, Stage, Tools, pause};
use crate::db::Probe;

/// The rush before the fault.
const WARM: Duration = Duration::from_secs(8);
/// The rush after the service answers again.
const AFTER: Duration = Duration::from_secs(8);
/// How long the service must answer without a failure to count as recovered.
const STEADY: Duration = Duration::from_secs(3);
/// The longest wait for a booking to succeed after a fault.
const RECOVERY_LIMIT: Duration = Duration::from_secs(90);
/// How long the relay scenarios break the relay, and the database scenario the cable.
const RELAY_OUTAGE: Duration = Duration::from_secs(40);
const DATABASE_OUTAGE: Duration = Duration::from_secs(10);
/// The longest wait for the outbox to empty after the relay is back.
const MAIL_LIMIT: Duration = Duration::from_secs(240);

pub async fn run(tools: &Tools, fault: Fault) -> anyhow::Result<Outcome> {
    match fault {
        Fault::KillInstance => kill_instance(tools).await,
        Fault::PostgresRestart => postgres_restart(tools).await,
        Fault::Failover => failover(tools).await,
        Fault::SmtpRefused => relay(tools, fault, Mode::Refuse).await,
        Fault::HungRelay => relay(tools, fault, Mode::Hang).await,
        Fault::DatabaseCut => database_cut(tools).await,
    }
}

/// The rush, started on the stage's instances.
async fn rush(stage: &Stage, pace: Option<Duration>) -> anyhow::Result<Rush> {
    let seats = stage.seats().await?;
    Ok(Rush::start(
        &stage.client,
        stage.instances.clone(),
        seats,
        stage.cnps.clone(),
        pace,
    ))
}

/// Waits until the service is whole again after a fault at `since` (see
/// [`Tally::recovered_at`]) and has stayed so for [`STEADY`], or the limit passes; then
/// lets the rush go on for [`AFTER`]. The seconds from `since` to the recovery.
async fn recovery(tally: &Tally, since: Instant) -> Option<f64> {
    let deadline = since + RECOVERY_LIMIT;
    let recovered = loop {
        if let Some(at) = tally.recovered_at(since)
            && at.elapsed() >= STEADY
            && tally.last_failure_after(at).is_none()
        {
            break Some(at.duration_since(since).as_secs_f64());
        }
        if Instant::now() > deadline {
            break None;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    pause(AFTER).await;
    recovered
}

/// Audits after the rush and writes the outcome.
async fn finish(
    mut stage: Stage,
    tally: Arc<Tally>,
    fault: Fault,
    recovered_s: Option<f64>,
    mut note: String,
) -> anyhow::Result<Outcome> {
    let acknowledged = tally
        .acknowledged
        .lock()
        .map(|ids| ids.clone())
        .unwrap_or_default();
    let verdict = {
        let stage = &stage;
        let ids = acknowledged.clone();
        tokio::task::block_in_place(|| audit(stage, &ids))?
    };
    let died = stage.logs();
    if !died.is_empty() {
        note.push_str(&format!("; {died}"));
    }
    let answers = tally
        .outcomes
        .lock()
        .map(|outcomes| outcomes.clone())
        .unwrap_or_default();
    Ok(Outcome {
        name: fault.name(),
        fault,
        acknowledged: acknowledged.len() as u64,
        lost: verdict.lost,
        overbooked: overbooked(&verdict),
        duplicate_cnps: verdict.duplicate_cnps,
        recovered_s,
        pending_without_mail: verdict.pending_without_mail,
        requests: tally.requests.load(std::sync::atomic::Ordering::Relaxed),
        server_errors: tally.server_errors(),
        answers,
        note,
    })
}

async fn kill_instance(tools: &Tools) -> anyhow::Result<Outcome> {
    let db = TestDatabase::postgres()?;
    let mut stage = Stage::up(&tools.binary, &db.url, 2, Vec::new()).await?;
    let rush = rush(&stage, None).await?;
    pause(WARM).await;
    let fault_at = Instant::now();
    stage.kill(0);
    let recovered = recovery(&rush.tally, fault_at).await;
    let restarted = Instant::now();
    stage.restart(0).await?;
    let note = format!(
        "SIGKILL of instance A; the balancer sends its requests to B; A restarted after {:.1} s (ready in {:.1} s)",
        restarted.duration_since(fault_at).as_secs_f64(),
        restarted.elapsed().as_secs_f64()
    );
    pause(AFTER).await;
    finish(
        stage,
        rush.stop().await,
        Fault::KillInstance,
        recovered,
        note,
    )
    .await
}

async fn postgres_restart(tools: &Tools) -> anyhow::Result<Outcome> {
    let cluster = Arc::new(tokio::task::spawn_blocking(PrivateCluster::start).await??);
    let restarting = cluster.clone();
    database_fault(
        tools,
        &cluster.url(),
        Fault::PostgresRestart,
        move || restarting.restart(),
        |took| {
            format!(
                "pg_ctl restart -m immediate (crash recovery) took {took:.1} s; counted from the restart's start"
            )
        },
    )
    .await
}

async fn failover(tools: &Tools) -> anyhow::Result<Outcome> {
    let script = tools.pg_ha.clone();
    let cluster = Arc::new(tokio::task::spawn_blocking(move || HaCluster::start(&script)).await??);
    let failing = cluster.clone();
    database_fault(
        tools,
        &cluster.url,
        Fault::Failover,
        move || failing.fail_over(),
        |_| {
            "the primary's postmaster killed; Patroni promotes the synchronous standby, \
             haproxy follows; the instances are not restarted"
                .to_owned()
        },
    )
    .await
}

/// Two instances on the database at `url`, the rush, and `act` (blocking: a restart, a
/// failover) mid-rush; recovery counted from its start. `note` gets how long `act` took.
async fn database_fault<F>(
    tools: &Tools,
    url: &str,
    fault: Fault,
    act: F,
    note: impl FnOnce(f64) -> String,
) -> anyhow::Result<Outcome>
where
    F: FnOnce() -> anyhow::Result<()> + Send + 'static,
{
    let stage = Stage::up(&tools.binary, url, 2, Vec::new()).await?;
    let rush = rush(&stage, None).await?;
    pause(WARM).await;
    let fault_at = Instant::now();
    tokio::task::spawn_blocking(act).await??;
    let took = fault_at.elapsed().as_secs_f64();
    let recovered = recovery(&rush.tally, fault_at).await;
    finish(stage, rush.stop().await, fault, recovered, note(took)).await
}

/// The database reached through a proxy that is cut for [`DATABASE_OUTAGE`].
async fn database_cut(tools: &Tools) -> anyhow::Result<Outcome> {
    let db = TestDatabase::postgres()?;
    let (direct, proxied_url) = through_proxy(&db.url)?;
    let proxy = Proxy::start(direct).await?;
    let url = proxied_url.replace("{port}", &proxy.addr.port().to_string());
    let stage = Stage::up(&tools.binary, &url, 2, Vec::new()).await?;
    let rush = rush(&stage, None).await?;
    pause(WARM).await;
    proxy.set(Mode::Refuse).await?;
    let during = rush.tally.server_errors();
    pause(DATABASE_OUTAGE).await;
    let unavailable = rush.tally.server_errors() - during;
    let fault_end = Instant::now();
    proxy.set(Mode::Forward).await?;
    let recovered = recovery(&rush.tally, fault_end).await;
    let note = format!(
        "open connections cut and the port closed for {} s: {unavailable} answers 5xx meanwhile \
         (see answers: 503 unavailable); counted from the cable's return",
        DATABASE_OUTAGE.as_secs()
    );
    finish(
        stage,
        rush.stop().await,
        Fault::DatabaseCut,
        recovered,
        note,
    )
    .await
}

/// The mail relay behind a proxy that refuses or hangs for [`RELAY_OUTAGE`]; the service
/// is whole again when the outbox is empty: every confirmation request handed to the
/// relay (or closed unsent, its booking replaced).
async fn relay(tools: &Tools, fault: Fault, mode: Mode) -> anyhow::Result<Outcome> {
    let db = TestDatabase::postgres()?;
    let sink = SmtpSink::start().await;
    let proxy = Proxy::start(sink.addr).await?;
    let env = vec![("EPAS_SMTP_URL", format!("smtp://{}", proxy.addr))];
    let stage = Stage::up(&tools.binary, &db.url, 2, env).await?;
    let rush = rush(&stage, Some(Duration::from_millis(250))).await?;
    pause(WARM).await;
    proxy.set(mode).await?;
    let before = distinct_recipients(&sink);
    pause(RELAY_OUTAGE).await;
    let during = distinct_recipients(&sink) - before;
    let fault_end = Instant::now();
    proxy.set(Mode::Forward).await?;
    pause(AFTER).await;
    // The rush stops here: from now on the mail to wait for is fixed.
    let tally = rush.stop().await;
    let probe = Probe::connect(&stage.database_url).await?;
    let limit = Instant::now() + MAIL_LIMIT;
    let recovered = loop {
        // Every message handed over or closed (a replaced booking's request is not sent).
        if probe
            .unsent_mail(Utc::now() + chrono::Duration::days(1))
            .await?
            == 0
        {
            break Some(fault_end.elapsed().as_secs_f64());
        }
        if Instant::now() > limit {
            break None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    probe.close().await;
    let note = format!(
        "{during} e-mails delivered during the {} s outage; {} addresses received mail in all \
         ({} messages, {} relay connections) for {} bookings acknowledged (a booking its \
         family replaced gets no e-mail); counted from the relay's return to the outbox empty",
        RELAY_OUTAGE.as_secs(),
        distinct_recipients(&sink),
        sink.received().len(),
        sink.connections(),
        tally.acknowledged_count(),
    );
    finish(stage, tally, fault, recovered, note)
        .await
        .context("the relay scenario")
}

/// How many different addresses the sink received mail for: one per booking.
fn distinct_recipients(sink: &SmtpSink) -> usize {
    let mut recipients: Vec<String> = sink
        .received()
        .into_iter()
        .flat_map(|message| message.rcpt_to)
        .collect();
    recipients.sort();
    recipients.dedup();
    recipients.len()
}

/// The server address of a PostgreSQL URL, and the URL with `{port}` in place of the
/// host and port (for the proxy's).
fn through_proxy(url: &str) -> anyhow::Result<(SocketAddr, String)> {
    let (scheme, rest) = url.split_once("://").context("a URL")?;
    let (authority, path) = rest.split_once('/').context("a database path")?;
    let (user, host) = authority
        .rsplit_once('@')
        .map_or((None, authority), |(user, host)| (Some(user), host));
    let addr: SocketAddr = host
        .parse()
        .with_context(|| "the PostgreSQL URL's host must be an IP:port for the proxy")?;
    let user = user.map_or_else(String::new, |user| format!("{user}@"));
    Ok((addr, format!("{scheme}://{user}127.0.0.1:{{port}}/{path}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_is_rewritten_to_go_through_the_proxy() {
        // Act
        let (addr, url) = through_proxy("postgres://postgres@127.0.0.1:5432/epas_test_1").unwrap();

        // Assert
        assert_eq!(addr, "127.0.0.1:5432".parse().unwrap());
        assert_eq!(url, "postgres://postgres@127.0.0.1:{port}/epas_test_1");
        assert!(through_proxy("postgres://postgres@localhost/x").is_err());
    }
}
