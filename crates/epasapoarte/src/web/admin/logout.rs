//! `POST /admin/iesire` — "Ieșire": ends the session in the database (not only the
//! cookie), so a copied cookie is worthless afterwards.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::cookie;
use super::guard::Staff;
use crate::staff::StaffService;
use crate::state::AppState;

pub async fn submit(
    axum::extract::State(state): axum::extract::State<AppState>,
    staff: Staff,
) -> Response {
    if let Err(error) = StaffService::of(&state.service).logout(&staff.0).await {
        tracing::error!(error = %error, "ending a staff session failed");
    }
    let mut response = (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, "/admin/login?iesire=1")],
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie::cleared(cookie::secure(&state))) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
