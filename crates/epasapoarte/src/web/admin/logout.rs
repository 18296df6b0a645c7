//! `POST /admin/iesire` — "Ieșire": ends the session in the database (not only the
//! cookie), so a copied cookie is worthless afterwards.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;

use super::cookie;
use super::guard::Staff;
use crate::staff::StaffService;
use crate::state::AppState;
use crate::web::page::secure;

pub async fn submit(
    axum::extract::State(state): axum::extract::State<AppState>,
    staff: Staff,
) -> Response {
    if let Err(error) = StaffService::of(&state.service).logout(&staff.0).await {
        tracing::error!(error = %error, "ending a staff session failed");
    }
    let jar = CookieJar::new().add(cookie::cleared(secure(&state)));
    (
        StatusCode::SEE_OTHER,
        jar,
        [(header::LOCATION, "/admin/login?iesire=1")],
    )
        .into_response()
}
