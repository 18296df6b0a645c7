//! The citizen JSON API, `/api/v1` (SPEC §6.2). Each area owns its routes; the OpenAPI
//! document is generated from the handlers' annotations (`openapi.rs`).

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub mod applications;
pub mod bookings;
pub mod counties;
pub mod lookup;
pub mod offices;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/counties", get(counties::list))
        .route("/api/v1/offices", get(offices::list))
        .route("/api/v1/offices/{id}", get(offices::show))
        .route(
            "/api/v1/offices/{id}/availability",
            get(offices::availability),
        )
        .route("/api/v1/earliest", get(offices::earliest))
        .route("/api/v1/bookings", post(bookings::create))
        .route("/api/v1/bookings/confirm", post(bookings::confirm))
        .route("/api/v1/bookings/cancel", post(bookings::cancel))
        .route("/api/v1/lookup", post(lookup::lookup))
        .route("/api/v1/applications/status", get(applications::status))
        .route(
            "/api/v1/applications/{number}/status",
            post(applications::move_status),
        )
        .route("/api/v1/openapi.json", get(super::openapi::document))
}
