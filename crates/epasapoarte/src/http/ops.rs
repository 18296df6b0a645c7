//! Operator endpoints (SPEC §7): liveness, readiness (the database answers), metrics.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;

use crate::state::AppState;

pub async fn healthz() -> &'static str {
    "ok"
}

/// Ready when the database answers within 100 ms (issue 13): a load balancer's probe
/// must get its answer at once in any state, never wait out the pool's timeout.
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let ping = state.service.store.ping();
    match tokio::time::timeout(READY_WITHIN, ping).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        Ok(Err(error)) => {
            tracing::warn!(error = %error, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}

/// How long the readiness probe waits for the database.
pub const READY_WITHIN: std::time::Duration = std::time::Duration::from_millis(100);

pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let depth = state.service.store.outbox_depth().await.ok();
    (
        [(header::CONTENT_TYPE, crate::metrics::CONTENT_TYPE)],
        state.service.metrics.render(
            depth,
            u64::try_from(state.service.now().timestamp_millis()).unwrap_or(0),
        ),
    )
}
