//! The HTTP edge: the routes of every area merged at the root, and the layers every request
//! passes (metrics and logs by route template, body size limit, timeout, rate limits).
//! Handlers translate between HTTP and the service; nothing here knows SQL.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::timeout::TimeoutLayer;

use crate::service::BookingService;

pub mod api;
pub mod error;
pub mod extract;
mod openapi;
mod ops;
pub mod rate_limit;
pub mod write_queue;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub service: BookingService,
    pub limits: Arc<rate_limit::Limits>,
    /// `serve --demo`: shows the demo mailbox; impossible to turn on otherwise.
    pub demo: bool,
    /// Turns for writes (see `write_queue.rs`).
    pub writes: Arc<tokio::sync::Semaphore>,
}

/// Request bodies beyond this are refused with 413 (a booking for ten is ~3 KiB).
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// A request that takes longer is answered 408 and its work dropped.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(api::router())
        .merge(crate::web::router())
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .fallback(not_found)
        // Inner to outer: a write waits its turn only once the rate limit let it in.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            write_queue::take_turns,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            rate_limit::limit_public_writes,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(middleware::from_fn(crate::web::security::headers))
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .with_state(state)
}

/// An unknown path: the API answers in JSON; everything else is a page (404) in the
/// reader's language.
async fn not_found(page: crate::web::page::Page, uri: axum::http::Uri) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        error::ApiError::NotFound.into_response()
    } else {
        crate::web::pages::problem::not_found(page)
    }
}

/// Counts and logs each request by its route template (`/programare/confirma/{token}`),
/// never by its raw path: paths may carry tokens, and logs carry no personal data.
async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
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
