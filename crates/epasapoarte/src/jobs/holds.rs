//! The waitlist and release job (SPEC §8): lapses unconfirmed waitlist entries and
//! untaken holds, offers freed seats to the longest-waiting matching family, and returns
//! the unheld ones to the public when their random delay is up. Safe with many instances.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use super::{every, scaled};
use crate::service::BookingService;

/// How often freed seats are offered as holds and released.
pub const HOLDS_INTERVAL: Duration = Duration::from_secs(5);

/// One step of the waitlist and release job (see `BookingService::run_holds`).
pub async fn holds_once(
    service: &BookingService,
) -> anyhow::Result<crate::service::waitlist::HoldsReport> {
    service.run_holds().await.map_err(|error| match error {
        crate::service::ServiceError::Internal(error) => error,
        other => anyhow::Error::new(other),
    })
}

/// Starts the waitlist and release loop.
pub fn spawn_holds(
    service: BookingService,
    shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let service = Arc::new(service);
    let interval = scaled(&service, HOLDS_INTERVAL);
    tokio::spawn(every("holds", interval, shutdown, move || {
        let service = service.clone();
        async move { holds_once(&service).await.map(|_| ()) }
    }))
}
