//! The HTTP edge: the JSON API and the operator endpoints, and the layers every request
//! passes (metrics and logs by route template, body size limit, timeout, rate limits,
//! writes taking turns). Handlers translate between HTTP and the service; nothing here
//! knows SQL, nor the pages.

use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;

use crate::state::AppState;

pub mod api;
pub mod challenge;
pub mod error;
pub mod extract;
pub mod forwarded;
pub mod layers;
pub mod openapi;
mod ops;
pub mod rate_limit;
pub mod sized_json;
pub mod write_queue;

/// Request bodies beyond this are refused with 413 (a booking for ten is ~3 KiB).
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// A request that takes longer is answered 408 and its work dropped.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// The API's routes and the operator endpoints; the root router (`app/router.rs`) merges
/// them with the pages and wraps all in the layers.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .merge(api::router(state))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
}

/// Counts and logs each request by its route template (`/programare/confirma/{token}`),
/// never by its raw path: paths may carry tokens, and logs carry no personal data.
pub async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let elapsed = started.elapsed().as_secs_f64();
    state
        .service
        .metrics
        .request(&route, &method, status, elapsed);
    let elapsed_ms = elapsed * 1000.0;
    if status >= 500 {
        tracing::warn!(%route, %method, status, elapsed_ms, "request failed");
    } else {
        tracing::debug!(%route, %method, status, elapsed_ms, "request");
    }
    response
}
