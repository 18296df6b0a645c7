//! The waitlist (SPEC §8): join it, confirm the place with the e-mailed token, take the
//! seats held for the family with the token of the hold's e-mail.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

use super::bookings::{StatusDto, TokenDto};
use crate::http::challenge::{ClientIp, WithChallenge};
use crate::http::error::{ApiError, ApiResult, ErrorBody};
use crate::http::extract::ApiJson;
use crate::ids::LinkToken;
use crate::pow::FormKind;
use crate::service::waitlist::WaitlistRequest;
use crate::state::AppState;

#[derive(Serialize, utoipa::ToSchema)]
pub struct WaitlistCreatedDto {
    pub id: String,
    /// Always `pending`: the e-mailed link confirms the place.
    pub status: &'static str,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct WaitlistStatusDto {
    pub id: String,
    /// `waiting` once confirmed (or `held`, `booked`, `ended` later).
    pub status: String,
}

#[utoipa::path(post, path = "/api/v1/waitlist", tag = "waitlist", request_body = WaitlistRequest,
    responses((status = 201, body = WaitlistCreatedDto),
              (status = 403, description = "`challenge_required`: no good proof-of-work solution in `altcha`", body = ErrorBody),
              (status = 409, description = "`cnp_already_waiting`", body = ErrorBody),
              (status = 422, description = "`validation` or `consent_required`", body = ErrorBody),
              (status = 429, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    WithChallenge {
        solution,
        body: request,
    }: WithChallenge<WaitlistRequest>,
) -> ApiResult<(StatusCode, Json<WaitlistCreatedDto>)> {
    let parsed = request
        .parse(state.service.today_in_romania())
        .map_err(ApiError::validation)?;
    // After the cheap checks, so that a typo does not cost the client its solution.
    state.pow.accept(&solution, FormKind::Waitlist, ip).await?;
    let id = state.service.join_waitlist(&parsed).await?;
    Ok((
        StatusCode::CREATED,
        Json(WaitlistCreatedDto {
            id,
            status: "pending",
        }),
    ))
}

#[utoipa::path(post, path = "/api/v1/waitlist/confirm", tag = "waitlist", request_body = TokenDto,
    responses((status = 200, description = "on the waitlist (also when it already was)", body = WaitlistStatusDto),
              (status = 404, body = ErrorBody),
              (status = 410, description = "`expired`", body = ErrorBody)))]
pub async fn confirm(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<TokenDto>,
) -> ApiResult<Json<WaitlistStatusDto>> {
    let (id, status) = state.service.confirm_waitlist(&link_token(&body)?).await?;
    Ok(Json(WaitlistStatusDto { id, status }))
}

#[utoipa::path(post, path = "/api/v1/waitlist/take", tag = "waitlist", request_body = TokenDto,
    responses((status = 201, description = "the held seats are a confirmed booking", body = StatusDto),
              (status = 404, body = ErrorBody),
              (status = 409, description = "`hold_taken`", body = ErrorBody),
              (status = 410, description = "`hold_expired`", body = ErrorBody)))]
pub async fn take(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<TokenDto>,
) -> ApiResult<(StatusCode, Json<StatusDto>)> {
    let booking_id = state.service.take_hold(&link_token(&body)?).await?;
    Ok((
        StatusCode::CREATED,
        Json(StatusDto {
            reference: booking_id.reference(),
            id: booking_id,
            status: "confirmed",
        }),
    ))
}

fn link_token(body: &TokenDto) -> Result<LinkToken, ApiError> {
    LinkToken::parse(body.token.trim()).ok_or_else(ApiError::not_found)
}
