//! Startup: from a validated `Config` to a running service on any listener (port 0 in
//! tests). `main` only parses the command line; everything else is built here, once.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::clock::{Clock, SystemClock};
use crate::config::{Config, SecretKey};
use crate::mail::Mailer;
use crate::metrics::Metrics;
use crate::pow::ProofOfWork;
use crate::service::BookingService;
use crate::state::{AppState, Limits};
use crate::{jobs, seed, store};

pub mod key_check;
pub mod key_ring;
mod router;
mod serve;

pub use router::router;
pub use serve::DRAIN_DEADLINE;

/// How the service is started; tests swap the clock and the mailer and may drive the
/// background jobs by hand.
pub struct Options {
    pub clock: Arc<dyn Clock>,
    /// `None`: from the configuration (SMTP if `EPAS_SMTP_URL`, else files).
    pub mailer: Option<Mailer>,
    pub background_jobs: bool,
    /// Seed the demo data into an empty database (`serve --demo`).
    pub demo: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            clock: Arc::new(SystemClock),
            mailer: None,
            background_jobs: true,
            demo: false,
        }
    }
}

pub struct Application {
    listener: TcpListener,
    pub state: AppState,
    pub mailer: Mailer,
    shutdown: watch::Sender<bool>,
    jobs: Vec<JoinHandle<()>>,
}

impl Application {
    pub async fn build(config: Config, options: Options) -> anyhow::Result<Application> {
        let listener = listen(&config.listen)
            .await
            .with_context(|| format!("listening on {}", config.listen))?;
        let secret = secret_key(&config)?;
        let store = store::connect(config.database_url.expose()).await?;
        store.set_release_delay(config.fair.release_delay);
        let now = options.clock.now();
        let crypto = key_ring::open(
            store.as_ref(),
            &secret,
            config.previous_secret_key.as_ref(),
            now,
        )
        .await?;
        if options.demo {
            let report = seed::seed(store.as_ref(), now).await?;
            let staff = seed::seed_demo_staff(&store, now).await?;
            tracing::info!(
                offices = report.offices_created,
                slots = report.slots_created,
                staff_accounts = staff,
                "demo data seeded (staff sign-in: see the README)"
            );
        }
        let mailer = match options.mailer {
            Some(mailer) => mailer,
            None => Mailer::from_config(&config)?,
        };
        let config = Arc::new(config);
        let metrics = Arc::new(Metrics::default());
        let pow = Arc::new(
            ProofOfWork::new(
                &secret,
                config.rate_limits,
                store.clone(),
                options.clock.clone(),
                metrics.clone(),
            )
            .with_time_scale(config.sim_clock.map_or(1, |clock| clock.scale)),
        );
        let service = BookingService::new(store, crypto, options.clock, config.clone(), metrics);
        if !options.demo {
            // Every day of the window, except those still to be drawn (SPEC §8).
            service.plan_public_slots().await?;
        }
        let state = AppState {
            service: service.clone(),
            limits: Arc::new(Limits::with_time_scale(
                config.rate_limits,
                config.sim_clock.map_or(1, |clock| clock.scale),
            )),
            pow: pow.clone(),
            demo: options.demo,
            writes: Arc::new(tokio::sync::Semaphore::new(
                crate::http::write_queue::WRITES_IN_FLIGHT,
            )),
        };
        let (shutdown, stopped) = watch::channel(false);
        let mut handles = Vec::new();
        if options.background_jobs {
            handles.push(jobs::spawn_expiry(service.clone(), stopped.clone()));
            handles.push(jobs::spawn_slot_planning(service.clone(), stopped.clone()));
            handles.push(jobs::spawn_housekeeping(service.clone(), stopped.clone()));
            handles.push(jobs::spawn_holds(service.clone(), stopped.clone()));
            handles.push(jobs::spawn_lead_time(service.clone(), stopped.clone()));
            handles.push(jobs::spawn_pow(pow, stopped.clone()));
            handles.push(jobs::spawn_reconfirm(service.clone(), stopped.clone()));
            handles.push(jobs::spawn_reminders(service.clone(), stopped.clone()));
            if config.fair.draw {
                handles.push(jobs::spawn_draw(service.clone(), stopped.clone()));
            }
            handles.push(jobs::spawn_delivery(service, mailer.clone(), stopped));
        }
        Ok(Application {
            listener,
            state,
            mailer,
            shutdown,
            jobs: handles,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Serves until `stop` resolves, then lets requests in flight finish (within
    /// [`DRAIN_DEADLINE`]) and stops the background jobs at a safe point (within
    /// [`JOBS_DEADLINE`]).
    pub async fn run_until(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let router = router(self.state.clone());
        tracing::info!(address = %self.local_addr(), backend = self.state.service.store.backend(), "serving");
        let max_connections =
            usize::try_from(self.state.service.config.max_connections).unwrap_or(usize::MAX);
        let drained = serve::serve(self.listener, router, max_connections, stop).await;
        if drained == serve::Drained::DeadlinePassed {
            tracing::warn!(
                deadline_ms = DRAIN_DEADLINE.as_millis() as u64,
                "connections still open at the drain deadline were abandoned"
            );
        }
        let _ = self.shutdown.send(true);
        stop_jobs(self.jobs).await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// How long the background jobs may take to finish the step they are in at shutdown.
/// Each step is a database transaction (or a claimed outbox lease, which expires and
/// returns its messages), so one aborted past this deadline loses nothing.
pub const JOBS_DEADLINE: Duration = Duration::from_secs(1);

/// Tells the jobs to stop (they check between steps), waits for them, and aborts any
/// still running at [`JOBS_DEADLINE`].
async fn stop_jobs(jobs: Vec<JoinHandle<()>>) {
    let aborts: Vec<_> = jobs.iter().map(JoinHandle::abort_handle).collect();
    // The jobs run concurrently: awaiting them in turn waits for the slowest.
    let all = async {
        for job in jobs {
            let _ = job.await;
        }
    };
    if tokio::time::timeout(JOBS_DEADLINE, all).await.is_err() {
        tracing::warn!(
            deadline_ms = JOBS_DEADLINE.as_millis() as u64,
            "background jobs still busy at the deadline were aborted"
        );
        for abort in aborts {
            abort.abort();
        }
    }
}

/// `EPAS_SECRET_KEY`, or with SQLite a key generated once into the data directory (never
/// into the database: a copy of the database file alone must not open its own data).
pub(crate) fn secret_key(config: &Config) -> anyhow::Result<SecretKey> {
    if let Some(key) = &config.secret_key {
        return Ok(key.clone());
    }
    let db_path = config
        .database_url
        .expose()
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let dir = Path::new(db_path)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let path = dir.join("secret.key");
    if let Ok(text) = std::fs::read_to_string(&path) {
        return SecretKey::parse(&text).with_context(|| format!("reading {}", path.display()));
    }
    crate::private_files::create_dir(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut bytes = vec![0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut bytes);
    let key = SecretKey::from_bytes(bytes)?;
    crate::private_files::write_new(&path, key.to_hex().as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    tracing::info!(path = %path.display(), "generated a new secret key for this SQLite database");
    Ok(key)
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown requested");
}

/// How many connections the kernel may queue before we accept them (capped by
/// `net.core.somaxconn`, 4096 on current kernels). The standard library's 128 overflowed
/// in the 2,000-client flash crowd: the dropped SYNs came back a second later, which was
/// most of the crowd's latency.
const LISTEN_BACKLOG: u32 = 4096;

/// Binds the listen address (the first it resolves to) with [`LISTEN_BACKLOG`].
async fn listen(address: &str) -> anyhow::Result<TcpListener> {
    let addr = tokio::net::lookup_host(address)
        .await?
        .next()
        .ok_or_else(|| anyhow::anyhow!("{address} resolves to no address"))?;
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    // As the standard library does: a restarted server can bind at once.
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    Ok(socket.listen(LISTEN_BACKLOG)?)
}
