//! POST /api/v1/lookup (J5): always 202, known address or not. The work runs in the
//! background so that the answer's timing does not tell either.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use crate::http::challenge::{ClientIp, WithChallenge};
use crate::http::error::{ApiResult, ErrorBody};
use crate::i18n::Lang;
use crate::pow::FormKind;
use crate::service::BookingService;
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LookupDto {
    pub email: String,
    /// `ro` (default) or `en`.
    #[serde(default)]
    pub lang: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/lookup", tag = "bookings", request_body = LookupDto,
    responses((status = 202, description = "if we hold appointments for this address, we have e-mailed them"),
              (status = 403, description = "`challenge_required`", body = ErrorBody),
              (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn lookup(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    WithChallenge { solution, body }: WithChallenge<LookupDto>,
) -> ApiResult<StatusCode> {
    let email = BookingService::parse_lookup_email(&body.email)?;
    state.pow.accept(&solution, FormKind::Lookup, ip).await?;
    if !state.limits.allow_lookup(&state.service.crypto, &email) {
        // Per-address limit: quietly accepted, nothing sent (no mail bombing, no oracle).
        return Ok(StatusCode::ACCEPTED);
    }
    let lang = body
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default();
    let service = state.service.clone();
    tokio::spawn(async move {
        if let Err(error) = service.send_lookup(&email, lang).await {
            error.log_if_internal();
        }
    });
    Ok(StatusCode::ACCEPTED)
}
