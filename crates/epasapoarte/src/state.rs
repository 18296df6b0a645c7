//! What every request handler can reach, API and pages alike. It lives below both edges:
//! `http` (the JSON API) and `web` (the pages) each take it from here, and only the root
//! router (`app/router.rs`) knows both edges.

use std::sync::Arc;

use crate::pow::ProofOfWork;
use crate::service::BookingService;

pub mod limits;

pub use limits::Limits;

/// The state shared by every request; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub service: BookingService,
    pub limits: Arc<Limits>,
    /// The proof of work every public write passes (`pow.rs`).
    pub pow: Arc<ProofOfWork>,
    /// `serve --demo`: shows the demo mailbox; impossible to turn on otherwise.
    pub demo: bool,
    /// Turns for writes (see `http/write_queue.rs`).
    pub writes: Arc<tokio::sync::Semaphore>,
}
