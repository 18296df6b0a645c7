//! The per-IP limits on public writes and passport-status lookups (SPEC §7 "Abuse"), as
//! a layer; the buckets themselves are `state/limits.rs`.

use std::net::{IpAddr, SocketAddr};
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use crate::state::AppState;

/// Whether a request asks for a passport's status (the API's GET, the page's POST).
fn is_status_lookup(method: &axum::http::Method, path: &str) -> bool {
    (method == axum::http::Method::GET && path == "/api/v1/applications/status")
        || (method == axum::http::Method::POST && path == "/status-pasaport")
}

/// The bearer-token status moves of other systems: not public writes, and a production
/// centre marking a day's batch "ready" must not be throttled like a citizen. Guessing a
/// 192-bit token is hopeless, so an unauthenticated caller gains nothing from the path.
fn is_token_api(method: &axum::http::Method, path: &str) -> bool {
    method == axum::http::Method::POST
        && path
            .strip_prefix("/api/v1/applications/")
            .is_some_and(|rest| rest.ends_with("/status"))
}

/// Middleware for public writes and status lookups: refuses with 429 and `Retry-After`
/// past the IP's bucket.
pub async fn limit_public_writes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let (method, path) = (request.method(), request.uri().path());
    let lookup = is_status_lookup(method, path);
    let write = method == axum::http::Method::POST && !is_token_api(method, path);
    if state.limits.enabled && (lookup || write) {
        let ip = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let now = Instant::now();
        let mut verdict = Ok(());
        if lookup {
            verdict = state.limits.take_status_lookup(ip, now);
        }
        if write && verdict.is_ok() {
            verdict = state.limits.take_write(ip, now);
        }
        if let Err(retry_after_secs) = verdict {
            state.service.metrics.rate_limited();
            return ApiError::RateLimited { retry_after_secs }.into_response();
        }
    }
    next.run(request).await
}
