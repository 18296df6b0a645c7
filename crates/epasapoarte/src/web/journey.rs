//! `/programare` — the booking journey (SPEC §2 J2, UI.md steps 1–10).

use axum::Router;

use crate::http::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
}
