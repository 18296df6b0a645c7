//! The reconfirmation job (SPEC §8): asks far-ahead bookings to reconfirm when their time
//! comes and cancels those whose deadline passed. Safe with many instances: each request
//! and each cancellation is a conditional update that one instance wins.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use super::every;
use crate::service::{BookingService, RECONFIRM_BATCH};

/// How often requests and lapses are looked for: a deadline is enforced within this.
pub const RECONFIRM_INTERVAL: Duration = Duration::from_secs(60);

/// One step: the requests due, then the lapsed (each until a batch comes back short).
/// Returns (asked, cancelled).
pub async fn reconfirm_once(service: &BookingService) -> anyhow::Result<(u64, u64)> {
    let (mut asked, mut cancelled) = (0, 0);
    loop {
        let n = service.ask_reconfirmations().await?;
        asked += n;
        if n < u64::from(RECONFIRM_BATCH) {
            break;
        }
    }
    loop {
        let n = service.cancel_unreconfirmed().await?;
        cancelled += n;
        if n < u64::from(RECONFIRM_BATCH) {
            break;
        }
    }
    Ok((asked, cancelled))
}

/// Starts the reconfirmation loop (idle when reconfirmation is off).
pub fn spawn_reconfirm(
    service: BookingService,
    shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let service = Arc::new(service);
    let interval = super::scaled(&service, RECONFIRM_INTERVAL);
    tokio::spawn(every("reconfirm", interval, shutdown, move || {
        let service = service.clone();
        async move { reconfirm_once(&service).await.map(|_| ()) }
    }))
}
