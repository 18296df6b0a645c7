//! The root router: the one place that knows both edges. It merges the API and operator
//! routes (`http`) with the pages (`web`), answers unknown paths in the right format, and
//! wraps everything in the layers every request passes.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use tower_http::timeout::TimeoutLayer;

use crate::http::{self, MAX_BODY_BYTES, REQUEST_TIMEOUT};
use crate::state::AppState;
use crate::web;

pub fn router(state: AppState) -> Router {
    let https = state.service.config.base_url.starts_with("https://");
    let trusted = std::sync::Arc::new(state.service.config.trusted_proxies.clone());
    Router::new()
        .merge(http::router(&state))
        .merge(web::router(&state))
        .fallback(not_found)
        // Rate limits and turns for writes are layers on the routes they concern
        // (`http/layers.rs`), put there by each area.
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        // Outside the timeout, so its 408 is answered in JSON on the API too.
        .layer(middleware::from_fn(http::error::json_errors))
        .layer(middleware::from_fn_with_state(
            https,
            web::security::headers,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), http::observe))
        // Outermost: everything inside sees the client's address, not the proxy's.
        .layer(middleware::from_fn_with_state(
            trusted,
            http::forwarded::client_behind_proxies,
        ))
        .with_state(state)
}

/// An unknown path: the API answers in JSON; everything else is a page (404) in the
/// reader's language.
async fn not_found(page: web::page::Page, uri: axum::http::Uri) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        http::error::ApiError::not_found().into_response()
    } else {
        web::pages::problem::not_found(page)
    }
}
