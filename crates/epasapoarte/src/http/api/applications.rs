//! Passport applications over the API (SPEC §6.2): the public status lookup (J6), and the
//! authenticated status moves other systems make (`update.rs`). The lookup answers the
//! same 404 for every miss; only a malformed question (no parameters, both forms, digits
//! that are not 9 digits, a date that is not a date) is a 422.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};

use crate::http::error::{ApiError, ApiResult, ErrorBody};
use crate::http::extract::ApiQuery;
use crate::service::FieldErrors;
use crate::service::applications::StatusQuestion;
use crate::service::input::parse_date;
use crate::state::AppState;

pub mod update;

pub use update::{BearerSecurity, move_status};

#[derive(Deserialize, utoipa::IntoParams)]
pub struct StatusQuery {
    /// The application number, e.g. `CJ-2026-000123-K`.
    number: Option<String>,
    /// The last 9 digits of the holder's CNP (with `submitted_on`).
    cnp_last9: Option<String>,
    /// The date the application was submitted, `YYYY-MM-DD`.
    submitted_on: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApplicationStatusDto {
    /// `submitted`, `in_production`, `ready`, `handed_over`, `shipped` or `rejected`.
    pub status: String,
    /// Where to collect the passport; only while it is `ready`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pickup: Option<String>,
    /// Present when the passport was declared lost, stolen or destroyed (SPEC J8): it is
    /// no longer valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid: Option<InvalidDto>,
}

/// A declared passport: what happened (`lost`, `stolen`, `destroyed`) and the day it was
/// declared (`YYYY-MM-DD`).
#[derive(Serialize, utoipa::ToSchema)]
pub struct InvalidDto {
    pub declared: &'static str,
    pub on: String,
}

/// Longer "numbers" are not asked about at all.
const NUMBER_MAX_CHARS: usize = 40;

#[utoipa::path(get, path = "/api/v1/applications/status", tag = "applications", params(StatusQuery),
    responses((status = 200, body = ApplicationStatusDto),
              (status = 404, description = "the same answer for every miss", body = ErrorBody),
              (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn status(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<StatusQuery>,
) -> ApiResult<Json<ApplicationStatusDto>> {
    let given = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let question = match (
        given(&query.number),
        given(&query.cnp_last9),
        given(&query.submitted_on),
    ) {
        (Some(number), None, None) if number.chars().count() <= NUMBER_MAX_CHARS => {
            Some(StatusQuestion::Number(number))
        }
        (None, Some(last9), Some(date)) => {
            parse_date(&date).and_then(|submitted_on| StatusQuestion::last9(&last9, submitted_on))
        }
        _ => None,
    };
    let Some(question) = question else {
        return Err(ApiError::validation(FieldErrors::single(
            "query",
            "status_query",
        )));
    };
    match state.service.public_status(&question).await {
        Ok(Some(found)) => Ok(Json(ApplicationStatusDto {
            status: found.status.as_str().to_owned(),
            pickup: found.pickup,
            invalid: found.invalid.map(|(kind, on)| InvalidDto {
                declared: kind.as_str(),
                on: on.to_string(),
            }),
        })),
        Ok(None) => Err(ApiError::not_found()),
        Err(error) => Err(error.into()),
    }
}
