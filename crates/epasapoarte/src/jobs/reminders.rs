//! The reminders job (issue 12): queues the reminder e-mails that are due — two days
//! before an appointment, and 6 months before a passport expires for holders who asked.
//! Safe with many instances: each is marked sent by a conditional update one instance wins.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use super::every;
use crate::service::applications::expiry::EXPIRY_REMINDER_BATCH;
use crate::service::{BookingService, REMINDER_BATCH};

/// How often due reminders are looked for.
pub const REMINDER_INTERVAL: Duration = Duration::from_secs(300);

/// One step: the reminders due, until a batch comes back short. Returns how many.
pub async fn reminders_once(service: &BookingService) -> anyhow::Result<u64> {
    let mut sent = 0;
    loop {
        let n = service.send_reminders().await?;
        sent += n;
        if n < u64::from(REMINDER_BATCH) {
            break;
        }
    }
    loop {
        let n = service.send_expiry_reminders().await?;
        sent += n;
        if n < u64::from(EXPIRY_REMINDER_BATCH) {
            return Ok(sent);
        }
    }
}

/// Starts the reminders loop (appointment reminders only when `EPAS_REMINDER_BEFORE_SECS`
/// is not 0).
pub fn spawn_reminders(
    service: BookingService,
    shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let service = Arc::new(service);
    let interval = super::scaled(&service, REMINDER_INTERVAL);
    tokio::spawn(every("reminders", interval, shutdown, move || {
        let service = service.clone();
        async move { reminders_once(&service).await.map(|_| ()) }
    }))
}
