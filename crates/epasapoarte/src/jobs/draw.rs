//! The draw job (SPEC §8 "Opening day by draw"): opens the draw taking entries, its seed
//! committed, and runs the draws that are due. Safe with many instances: a draw runs once.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use super::{every, scaled};
use crate::service::BookingService;

/// How often the draw job looks for a draw to open or to run.
pub const DRAW_INTERVAL: Duration = Duration::from_secs(20);

/// Opens the draw taking entries (its seed committed) and runs the draws that are due;
/// returns how many draws this call ran.
pub async fn draw_once(service: &BookingService) -> anyhow::Result<usize> {
    if !service.config.fair.draw {
        return Ok(0);
    }
    service.open_draw().await?;
    let runs = service.run_due_draws().await?;
    let ran = runs
        .iter()
        .filter(|(_, run)| *run == crate::store::DrawRun::Ran)
        .count();
    if runs
        .iter()
        .any(|(_, run)| *run == crate::store::DrawRun::Stale)
    {
        tracing::info!("a draw met a changed seat or CNP; it runs again next tick");
    }
    if ran > 0 {
        // The drawn day's leftover seats are public now: plan the rest of the window.
        service.plan_public_slots().await?;
    }
    Ok(ran)
}

/// Starts the draw loop (only while `EPAS_DRAW` is on).
pub fn spawn_draw(
    service: BookingService,
    shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let service = Arc::new(service);
    let interval = scaled(&service, DRAW_INTERVAL);
    tokio::spawn(every("draw", interval, shutdown, move || {
        let service = service.clone();
        async move { draw_once(&service).await.map(|_| ()) }
    }))
}
