//! The opening-day draw (SPEC §8): enter it, confirm the entry, read the open draw and
//! any past one (seed, hash, entry and winner ids — never personal data), so anyone can
//! replay the order.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use epasapoarte_domain::fair::{DrawSeed, entry_order};
use serde::Serialize;

use super::bookings::TokenDto;
use crate::http::challenge::{ClientIp, WithChallenge};
use crate::http::error::{ApiError, ApiResult, ErrorBody};
use crate::http::extract::ApiJson;
use crate::ids::LinkToken;
use crate::pow::FormKind;
use crate::service::draw::DrawEntryRequest;
use crate::service::input::parse_date;
use crate::state::AppState;
use crate::store::DrawRow;

#[derive(Serialize, utoipa::ToSchema)]
pub struct EntryCreatedDto {
    pub id: String,
    /// Always `pending`: the e-mailed link confirms it.
    pub status: &'static str,
    /// The day the draw is for (`YYYY-MM-DD`).
    pub draw_date: String,
}

#[utoipa::path(post, path = "/api/v1/draw/entries", tag = "draw", request_body = DrawEntryRequest,
    responses((status = 201, body = EntryCreatedDto),
              (status = 403, description = "`challenge_required`: no good proof-of-work solution in `altcha`", body = ErrorBody),
              (status = 404, description = "draws are off", body = ErrorBody),
              (status = 409, description = "`cnp_already_entered`, `cnp_already_booked`, `cnp_cooling_off` or `draw_closed`", body = ErrorBody),
              (status = 422, description = "`validation` or `consent_required`", body = ErrorBody),
              (status = 429, body = ErrorBody)))]
pub async fn enter(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    WithChallenge {
        solution,
        body: request,
    }: WithChallenge<DrawEntryRequest>,
) -> ApiResult<(StatusCode, Json<EntryCreatedDto>)> {
    let entry = request
        .parse(state.service.today_in_romania())
        .map_err(ApiError::validation)?;
    // After the cheap checks, so that a typo does not cost the client its solution.
    state.pow.accept(&solution, FormKind::DrawEntry, ip).await?;
    let created = state.service.enter_draw(&entry).await?;
    Ok((
        StatusCode::CREATED,
        Json(EntryCreatedDto {
            id: created.id,
            status: "pending",
            draw_date: created.draw_date.to_string(),
        }),
    ))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EntryStatusDto {
    pub id: String,
    /// `confirmed`, or `won`/`lost` once the draw has run.
    pub status: String,
}

#[utoipa::path(post, path = "/api/v1/draw/entries/confirm", tag = "draw", request_body = TokenDto,
    responses((status = 200, description = "confirmed (also when it already was)", body = EntryStatusDto),
              (status = 404, body = ErrorBody), (status = 410, description = "`expired`: the entry lapsed", body = ErrorBody)))]
pub async fn confirm(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<TokenDto>,
) -> ApiResult<Json<EntryStatusDto>> {
    let token = LinkToken::parse(body.token.trim()).ok_or_else(ApiError::not_found)?;
    let (id, status) = state.service.confirm_draw_entry(&token).await?;
    Ok(Json(EntryStatusDto { id, status }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DrawSummaryDto {
    pub draw_date: String,
    pub seed_sha256: String,
    /// The seed in hex, once the draw has run.
    pub seed: Option<String>,
    pub closes_at: DateTime<Utc>,
    pub ran_at: Option<DateTime<Utc>>,
    pub entries: Option<u32>,
    pub seats: Option<u32>,
    pub winners: Option<u32>,
}

impl From<&DrawRow> for DrawSummaryDto {
    fn from(row: &DrawRow) -> Self {
        DrawSummaryDto {
            draw_date: row.draw_date.to_string(),
            seed_sha256: row.seed_sha256.clone(),
            seed: revealed_seed(row),
            closes_at: row.closes_at,
            ran_at: row.ran_at,
            entries: row.entries,
            seats: row.seats,
            winners: row.winners,
        }
    }
}

/// The seed only once the draw has run: before, it is what keeps the order unknown.
fn revealed_seed(row: &DrawRow) -> Option<String> {
    row.ran_at?;
    let bytes: [u8; 32] = row.seed.as_slice().try_into().ok()?;
    Some(DrawSeed(bytes).to_hex())
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DrawOverviewDto {
    /// The day taking entries now (`null` while draws are off).
    pub draw_date: Option<String>,
    /// When its entries close and the draw runs.
    pub entries_close_at: Option<DateTime<Utc>>,
    /// The committed seed's SHA-256 (hex), published before the draw.
    pub seed_sha256: Option<String>,
    /// The latest draws, newest first.
    pub draws: Vec<DrawSummaryDto>,
}

/// The latest draws listed.
const RECENT_DRAWS: u32 = 14;

#[utoipa::path(get, path = "/api/v1/draw", tag = "draw",
    responses((status = 200, body = DrawOverviewDto)))]
pub async fn overview(State(state): State<AppState>) -> ApiResult<Json<DrawOverviewDto>> {
    let open = state.service.open_draw().await?;
    let draws = state
        .service
        .store
        .draws(RECENT_DRAWS)
        .await
        .map_err(|e| ApiError::Service(e.into()))?;
    Ok(Json(DrawOverviewDto {
        draw_date: open.as_ref().map(|d| d.draw_date.to_string()),
        entries_close_at: open.as_ref().map(|d| d.closes_at),
        seed_sha256: open.as_ref().map(|d| d.seed_sha256.clone()),
        draws: draws.iter().map(DrawSummaryDto::from).collect(),
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DrawDetailDto {
    #[serde(flatten)]
    pub draw: DrawSummaryDto,
    /// The ids of the entries taking part (confirmed ones), sorted.
    pub entry_ids: Vec<String>,
    /// The winners' ids, in draw order (empty before the draw).
    pub winner_ids: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/draw/{date}", tag = "draw",
    params(("date" = String, Path, description = "The draw's day, `YYYY-MM-DD`")),
    responses((status = 200, body = DrawDetailDto), (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    Path(date): Path<String>,
) -> ApiResult<Json<DrawDetailDto>> {
    let date = parse_date(&date).ok_or_else(ApiError::not_found)?;
    let store = &state.service.store;
    let draw = store
        .draw(date)
        .await
        .map_err(|e| ApiError::Service(e.into()))?
        .ok_or_else(ApiError::not_found)?;
    let entries = store
        .draw_entries(date)
        .await
        .map_err(|e| ApiError::Service(e.into()))?;
    let taking_part = |status: &str| matches!(status, "confirmed" | "won" | "lost");
    let entry_ids: Vec<String> = entries
        .iter()
        .filter(|e| taking_part(&e.status))
        .map(|e| e.id.clone())
        .collect();
    let winners: Vec<String> = entries
        .iter()
        .filter(|e| e.status == "won")
        .map(|e| e.id.clone())
        .collect();
    let winner_ids = match draw.seed.as_slice().try_into() {
        Ok(bytes) if draw.ran_at.is_some() => entry_order(&DrawSeed(bytes), &winners),
        _ => Vec::new(),
    };
    Ok(Json(DrawDetailDto {
        draw: DrawSummaryDto::from(&draw),
        entry_ids,
        winner_ids,
    }))
}
