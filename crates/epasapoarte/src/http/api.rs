//! The citizen JSON API, `/api/v1` (SPEC §6.2). Each area owns its routes; the OpenAPI
//! document is generated from the handlers' annotations (`openapi.rs`).

use axum::Router;
use axum::routing::{get, post};

use super::layers;

use crate::state::AppState;

pub mod applications;
pub mod bookings;
pub mod challenge;
pub mod counties;
pub mod draw;
pub mod lookup;
pub mod offices;
pub mod stats;
pub mod waitlist;

/// The API's routes; `state` gives the rate-limit layers their buckets.
pub fn router(state: &AppState) -> Router<AppState> {
    let reads = Router::new()
        .route("/api/v1/counties", get(counties::list))
        .route("/api/v1/offices", get(offices::list))
        .route("/api/v1/offices/{id}", get(offices::show))
        .route(
            "/api/v1/offices/{id}/availability",
            get(offices::availability),
        )
        .route("/api/v1/earliest", get(offices::earliest))
        .route("/api/v1/stats", get(stats::show))
        .route("/api/v1/draw", get(draw::overview))
        .route("/api/v1/draw/{date}", get(draw::show))
        .route("/api/v1/challenge", get(challenge::issue))
        .route("/api/v1/openapi.json", get(super::openapi::document));
    let public_writes = Router::new()
        .route("/api/v1/bookings", post(bookings::create))
        .route("/api/v1/bookings/confirm", post(bookings::confirm))
        .route("/api/v1/bookings/cancel", post(bookings::cancel))
        .route("/api/v1/bookings/reconfirm", post(bookings::reconfirm))
        .route("/api/v1/lookup", post(lookup::lookup))
        .route("/api/v1/draw/entries", post(draw::enter))
        .route("/api/v1/draw/entries/confirm", post(draw::confirm))
        .route("/api/v1/waitlist", post(waitlist::create))
        .route("/api/v1/waitlist/confirm", post(waitlist::confirm))
        .route("/api/v1/waitlist/take", post(waitlist::take));
    let status_lookups =
        Router::new().route("/api/v1/applications/status", get(applications::status));
    let token_writes = Router::new().route(
        "/api/v1/applications/{number}/status",
        post(applications::move_status),
    );
    reads
        .merge(layers::public_writes(public_writes, state))
        .merge(layers::status_lookups(status_lookups, state))
        .merge(layers::token_writes(token_writes, state))
}
