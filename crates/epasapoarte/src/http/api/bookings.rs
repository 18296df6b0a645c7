//! Bookings (J2–J4): create a pending booking, confirm it, cancel it. The tokens are the
//! ones in the e-mailed links.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::http::challenge::{ClientIp, WithChallenge};
use crate::http::error::{ApiError, ApiResult, ErrorBody};
use crate::http::extract::ApiJson;
use crate::ids::{BookingId, LinkToken};
use crate::pow::FormKind;
use crate::service::{BookingRequest, CancelOutcome, ConfirmOutcome, ReconfirmOutcome};
use crate::state::AppState;

#[derive(Serialize, utoipa::ToSchema)]
pub struct CreatedDto {
    #[schema(value_type = String)]
    pub id: BookingId,
    /// The short reference people read over the phone, e.g. `PJ7K-3QXD`.
    pub reference: String,
    /// Always `pending`: the e-mailed link confirms it.
    pub status: &'static str,
    /// When the booking lapses unless confirmed.
    pub expires_at: DateTime<Utc>,
}

#[utoipa::path(post, path = "/api/v1/bookings", tag = "bookings", request_body = BookingRequest,
    responses((status = 201, body = CreatedDto),
              (status = 403, description = "`challenge_required`: no good proof-of-work solution in `altcha`", body = ErrorBody),
              (status = 409, description = "`slot_full` or `cnp_already_booked`", body = ErrorBody),
              (status = 422, description = "`validation` or `consent_required`", body = ErrorBody),
              (status = 429, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    WithChallenge {
        solution,
        body: request,
    }: WithChallenge<BookingRequest>,
) -> ApiResult<(StatusCode, Json<CreatedDto>)> {
    let booking = request
        .parse(state.service.today_in_romania())
        .map_err(ApiError::validation)?;
    // After the cheap checks, so that a typo does not cost the client its solution.
    state.pow.accept(&solution, FormKind::Booking, ip).await?;
    let created = state.service.create_booking(&booking).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedDto {
            reference: created.id.reference(),
            id: created.id,
            status: "pending",
            expires_at: created.expires_at,
        }),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenDto {
    /// The token from the e-mailed link.
    pub token: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct StatusDto {
    #[schema(value_type = String)]
    pub id: BookingId,
    /// The short reference people read over the phone, e.g. `PJ7K-3QXD`.
    pub reference: String,
    pub status: &'static str,
}

#[utoipa::path(post, path = "/api/v1/bookings/confirm", tag = "bookings", request_body = TokenDto,
    responses((status = 200, description = "confirmed (also when it already was)", body = StatusDto),
              (status = 404, body = ErrorBody), (status = 409, description = "`cancelled`", body = ErrorBody),
              (status = 410, description = "`expired`", body = ErrorBody)))]
pub async fn confirm(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<TokenDto>,
) -> ApiResult<Json<StatusDto>> {
    let (ConfirmOutcome::Confirmed { booking_id }
    | ConfirmOutcome::AlreadyConfirmed { booking_id }) =
        state.service.confirm_booking(&link_token(&body)?).await?;
    Ok(Json(StatusDto {
        reference: booking_id.reference(),
        id: booking_id,
        status: "confirmed",
    }))
}

#[utoipa::path(post, path = "/api/v1/bookings/cancel", tag = "bookings", request_body = TokenDto,
    responses((status = 200, description = "cancelled (also when it already was)", body = StatusDto),
              (status = 404, body = ErrorBody), (status = 410, description = "`expired`", body = ErrorBody)))]
pub async fn cancel(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<TokenDto>,
) -> ApiResult<Json<StatusDto>> {
    let (CancelOutcome::Cancelled { booking_id } | CancelOutcome::AlreadyCancelled { booking_id }) =
        state.service.cancel_booking(&link_token(&body)?).await?;
    Ok(Json(StatusDto {
        reference: booking_id.reference(),
        id: booking_id,
        status: "cancelled",
    }))
}

#[utoipa::path(post, path = "/api/v1/bookings/reconfirm", tag = "bookings", request_body = TokenDto,
    responses((status = 200, description = "reconfirmed (also when it already was)", body = StatusDto),
              (status = 404, body = ErrorBody), (status = 409, description = "`cancelled`", body = ErrorBody),
              (status = 410, description = "`expired`: the deadline to reconfirm has passed", body = ErrorBody)))]
pub async fn reconfirm(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<TokenDto>,
) -> ApiResult<Json<StatusDto>> {
    let (ReconfirmOutcome::Reconfirmed { booking_id }
    | ReconfirmOutcome::AlreadyReconfirmed { booking_id }) =
        state.service.reconfirm_booking(&link_token(&body)?).await?;
    Ok(Json(StatusDto {
        reference: booking_id.reference(),
        id: booking_id,
        status: "confirmed",
    }))
}

/// The token of a link: one that cannot be ours is as unknown as one that is not.
fn link_token(body: &TokenDto) -> Result<LinkToken, ApiError> {
    LinkToken::parse(body.token.trim()).ok_or_else(ApiError::not_found)
}
