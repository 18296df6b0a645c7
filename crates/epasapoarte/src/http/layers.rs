//! The layers an area puts on its routes by what they do, so that no middleware has to
//! guess it from the path: public writes are rate-limited per IP and then take turns
//! (`write_queue.rs`); passport-status lookups draw from their own bucket; the
//! bearer-token writes of other systems only take turns. Inner to outer: a write waits
//! its turn only once the rate limit let it in.

use axum::Router;
use axum::middleware::from_fn_with_state;

use super::{rate_limit, write_queue};
use crate::state::AppState;

/// Routes whose POSTs are public writes (the API's bookings and lookup, every form).
pub fn public_writes(routes: Router<AppState>, state: &AppState) -> Router<AppState> {
    routes
        .route_layer(from_fn_with_state(state.clone(), write_queue::take_turns))
        .route_layer(from_fn_with_state(state.clone(), rate_limit::limit_writes))
}

/// The passport-status lookups: the status bucket (and, for the page's POST, the write
/// bucket and a turn).
pub fn status_lookups(routes: Router<AppState>, state: &AppState) -> Router<AppState> {
    routes
        .route_layer(from_fn_with_state(state.clone(), write_queue::take_turns))
        .route_layer(from_fn_with_state(
            state.clone(),
            rate_limit::limit_status_lookups,
        ))
}

/// Writes by other systems with a bearer token: not throttled like citizens.
pub fn token_writes(routes: Router<AppState>, state: &AppState) -> Router<AppState> {
    routes.route_layer(from_fn_with_state(state.clone(), write_queue::take_turns))
}
