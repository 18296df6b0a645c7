//! `/admin` — the staff back office (SPEC §3, issue 5).

use axum::Router;

use crate::http::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
}
