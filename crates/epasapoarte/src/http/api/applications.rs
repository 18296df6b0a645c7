//! GET /api/v1/applications/status (J6). Applications are registered by the back office,
//! which is not built yet: every well-formed question gets the uniform "not found".

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};

use crate::http::AppState;
use crate::http::error::{ApiError, ApiResult, ErrorBody};
use crate::http::extract::ApiQuery;
use crate::service::FieldErrors;
use crate::service::input::parse_date;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct StatusQuery {
    /// The application number.
    number: Option<String>,
    /// The last 9 digits of the holder's CNP (with `submitted_on`).
    cnp_last9: Option<String>,
    /// The date the application was submitted, `YYYY-MM-DD`.
    submitted_on: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApplicationStatusDto {
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pickup: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/applications/status", tag = "applications", params(StatusQuery),
    responses((status = 200, body = ApplicationStatusDto), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn status(
    State(_state): State<AppState>,
    ApiQuery(query): ApiQuery<StatusQuery>,
) -> ApiResult<Json<ApplicationStatusDto>> {
    let by_number = query
        .number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let last9 = query
        .cnp_last9
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let submitted = query
        .submitted_on
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    match (by_number, last9, submitted) {
        (Some(number), None, None) if number.len() <= 40 => Err(ApiError::NotFound),
        (None, Some(last9), Some(date))
            if last9.len() == 9
                && last9.bytes().all(|b| b.is_ascii_digit())
                && parse_date(date).is_some() =>
        {
            Err(ApiError::NotFound)
        }
        _ => Err(ApiError::Validation(FieldErrors::single(
            "query",
            "status_query",
        ))),
    }
}
