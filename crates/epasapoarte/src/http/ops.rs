//! Operator endpoints (SPEC §7): liveness, readiness (the database answers), metrics.

use std::net::IpAddr;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use secrecy::ExposeSecret;

use crate::http::challenge::ClientIp;
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

pub async fn metrics(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
) -> Response {
    let token = state
        .service
        .config
        .metrics_token
        .as_ref()
        .map(|token| token.expose_secret().to_owned());
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    match metrics_access(token.as_deref(), bearer, ip) {
        Access::Granted => {}
        Access::TokenNeeded => {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                "a bearer token is required\n",
            )
                .into_response();
        }
        Access::LocalOnly => {
            return (
                StatusCode::FORBIDDEN,
                "metrics are served to this machine only; set EPAS_METRICS_TOKEN\n",
            )
                .into_response();
        }
    }
    let depth = state.service.store.outbox_depth().await.ok();
    (
        [(header::CONTENT_TYPE, crate::metrics::CONTENT_TYPE)],
        state.service.metrics.render(
            depth,
            u64::try_from(state.service.now().timestamp_millis()).unwrap_or(0),
        ),
    )
        .into_response()
}

/// Who may read `/metrics` (issue 13: it was public).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Granted,
    /// A token is configured and the request did not bring it.
    TokenNeeded,
    /// No token configured: the machine itself only.
    LocalOnly,
}

/// With a token, exactly that bearer token (compared in constant time); without one,
/// loopback callers only.
#[must_use]
pub fn metrics_access(token: Option<&str>, bearer: Option<&str>, peer: IpAddr) -> Access {
    match token {
        Some(token) => {
            let given = bearer.unwrap_or("").as_bytes();
            let same = given.len() == token.len()
                && given
                    .iter()
                    .zip(token.as_bytes())
                    .fold(0u8, |diff, (a, b)| diff | (a ^ b))
                    == 0;
            if same {
                Access::Granted
            } else {
                Access::TokenNeeded
            }
        }
        None if peer.is_loopback() => Access::Granted,
        None => Access::LocalOnly,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_need_the_token_or_a_loopback_caller() {
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        let remote: IpAddr = "203.0.113.9".parse().unwrap();
        assert_eq!(metrics_access(None, None, local), Access::Granted);
        assert_eq!(
            metrics_access(None, None, "::1".parse().unwrap()),
            Access::Granted
        );
        assert_eq!(metrics_access(None, Some("x"), remote), Access::LocalOnly);
        assert_eq!(
            metrics_access(Some("s3cret"), Some("s3cret"), remote),
            Access::Granted
        );
        assert_eq!(
            metrics_access(Some("s3cret"), Some("s3cre"), remote),
            Access::TokenNeeded
        );
        assert_eq!(
            metrics_access(Some("s3cret"), None, local),
            Access::TokenNeeded
        );
    }
}
