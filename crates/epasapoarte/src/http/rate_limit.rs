//! The per-IP limits on public writes and passport-status lookups (SPEC §7 "Abuse"), as
//! layers that the area routers put on the routes they concern (`route_layer`); the
//! buckets themselves are `state/limits.rs`.
//!
//! Which routes: every public POST (the API's bookings and lookup, every page form,
//! the back office's forms) draws from the write bucket; the passport-status lookups (the
//! API's GET, the page's POST) from the status bucket, the page's POST from both. The
//! bearer-token status moves of other systems carry no layer: they are not public
//! writes, and a production centre marking a day's batch "ready" must not be throttled
//! like a citizen (guessing a 192-bit token is hopeless, so an unauthenticated caller
//! gains nothing from that).

use std::net::{IpAddr, SocketAddr};
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use crate::state::AppState;

/// For routes with public writes: a POST takes a token from the IP's write bucket, or
/// is refused with 429 and `Retry-After`. Reads pass.
pub async fn limit_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    limit(&state, request, next, false).await
}

/// For the passport-status lookups: every request takes a token from the IP's status
/// bucket (and a POST, once that let it in, from the write bucket too).
pub async fn limit_status_lookups(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    limit(&state, request, next, true).await
}

async fn limit(state: &AppState, request: Request, next: Next, lookup: bool) -> Response {
    let write = request.method() == Method::POST;
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
