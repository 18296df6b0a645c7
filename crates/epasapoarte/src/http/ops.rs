//! Operator endpoints (SPEC §7): liveness, readiness (the database answers), metrics.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;

use crate::state::AppState;

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.service.store.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(error) => {
            tracing::warn!(error = %error, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

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
