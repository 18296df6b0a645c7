//! GET /api/v1/challenge — a proof-of-work challenge in the ALTCHA format (SPEC §8), for
//! the widget on the pages (its `challengeurl`) and for API clients. `?form=` names the
//! write it is for (`booking` by default, `lookup`, `draw_entry`, `waitlist`): a solution
//! is good for that form only, once.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;

use crate::http::challenge::ClientIp;
use crate::http::error::{ApiError, ApiResult, ErrorBody};
use crate::http::extract::ApiQuery;
use crate::pow::{Challenge, FormKind};
use crate::service::FieldErrors;
use crate::state::AppState;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ChallengeQuery {
    /// `booking` (default), `lookup`, `draw_entry` or `waitlist`.
    pub form: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/challenge", tag = "bookings", params(ChallengeQuery),
    responses((status = 200, description = "solve it; send the base64 JSON solution as the write's `altcha` field", body = Challenge),
              (status = 422, body = ErrorBody)))]
pub async fn issue(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiQuery(query): ApiQuery<ChallengeQuery>,
) -> ApiResult<Json<Challenge>> {
    let form = match query.form.as_deref() {
        None | Some("") => FormKind::Booking,
        Some(text) => FormKind::parse(text).ok_or_else(|| {
            let mut errors = FieldErrors::default();
            errors.add("form", "unknown_form");
            ApiError::validation(errors)
        })?,
    };
    Ok(Json(state.pow.challenge(form, ip)))
}
