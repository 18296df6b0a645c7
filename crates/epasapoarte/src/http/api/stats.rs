//! GET /api/v1/stats — the public dashboard's figures as JSON (SPEC §8): per office the
//! next free slot, seats offered, booked and freed in the last 7 days, the no-show rate,
//! the waitlist and its holds; per draw its entries, seats, winners, seed and hash.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use serde::Serialize;

use crate::http::error::{ApiResult, ErrorBody};
use crate::ids::OfficeId;
use crate::service::stats::{OfficeStats, PublicStats};
use crate::state::AppState;
use crate::store::DrawFigures;

#[derive(Serialize, utoipa::ToSchema)]
pub struct StatsDto {
    /// When the figures were computed (RFC 3339).
    pub generated_at: String,
    /// The start of the period the counts cover (the last 7 days).
    pub since: String,
    pub offices: Vec<OfficeStatsDto>,
    /// The latest draws, newest first; an open draw has no seed yet.
    pub draws: Vec<DrawStatsDto>,
    /// Proof-of-work challenges issued in the period (all instances).
    pub challenges_issued: u64,
    /// Public writes refused in the period for want of a good solution.
    pub challenges_rejected: u64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OfficeStatsDto {
    #[schema(value_type = i64)]
    pub id: OfficeId,
    pub name: String,
    pub county: String,
    /// Office-local date of the first free slot for one person, if any in the window.
    pub next_free_date: Option<String>,
    pub next_free_time: Option<String>,
    pub days_to_next_free: Option<u32>,
    pub seats_offered: u32,
    pub seats_booked: u32,
    pub seats_freed: u32,
    /// No-shows ÷ persons expected at the period's appointments (0–1), if any expected.
    pub no_show_rate: Option<f64>,
    /// Families waiting now with this office among theirs.
    pub waitlist: u32,
    pub holds_taken: u32,
    pub holds_lapsed: u32,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DrawStatsDto {
    pub draw_date: String,
    pub entries_close_at: String,
    pub ran_at: Option<String>,
    /// Hex, published once the draw has run.
    pub seed: Option<String>,
    pub seed_sha256: String,
    pub entries: Option<u32>,
    pub seats: Option<u32>,
    pub winners: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/stats", tag = "fair access",
    responses((status = 200, body = StatsDto), (status = 500, body = ErrorBody)))]
pub async fn show(State(state): State<AppState>) -> ApiResult<impl IntoResponse> {
    flush_challenge_counts(&state).await;
    let stats = state.service.public_stats().await?;
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=60")],
        Json(StatsDto::from(stats)),
    ))
}

impl From<PublicStats> for StatsDto {
    fn from(stats: PublicStats) -> Self {
        StatsDto {
            generated_at: stats.generated_at.to_rfc3339(),
            since: stats.since.to_rfc3339(),
            offices: stats
                .offices
                .into_iter()
                .map(OfficeStatsDto::from)
                .collect(),
            draws: stats.draws.into_iter().map(DrawStatsDto::from).collect(),
            challenges_issued: stats.challenges_issued,
            challenges_rejected: stats.challenges_rejected,
        }
    }
}

impl From<OfficeStats> for OfficeStatsDto {
    fn from(office: OfficeStats) -> Self {
        let counts = office.counts;
        OfficeStatsDto {
            id: office.id,
            name: office.name,
            county: office.county_code,
            next_free_date: office.next_free.map(|(date, _)| date.to_string()),
            next_free_time: office
                .next_free
                .map(|(_, time)| crate::i18n::format::clock(time)),
            days_to_next_free: office.days_to_next_free,
            seats_offered: counts.seats_offered,
            seats_booked: counts.seats_booked,
            seats_freed: counts.seats_freed,
            no_show_rate: office
                .no_show_permille
                .map(|permille| f64::from(permille) / 1000.0),
            waitlist: counts.waitlist,
            holds_taken: counts.holds_taken,
            holds_lapsed: counts.holds_lapsed,
        }
    }
}

impl From<DrawFigures> for DrawStatsDto {
    fn from(draw: DrawFigures) -> Self {
        DrawStatsDto {
            draw_date: draw.draw_date.to_string(),
            entries_close_at: draw.closes_at.to_rfc3339(),
            ran_at: draw.ran_at.map(|at| at.to_rfc3339()),
            seed: draw
                .seed
                .map(|seed| seed.iter().map(|b| format!("{b:02x}")).collect()),
            seed_sha256: draw.seed_sha256,
            entries: draw.entries,
            seats: draw.seats,
            winners: draw.winners,
        }
    }
}

/// This instance's latest challenge counts into the shared ones first, so the figures
/// include them (the `pow` job does it every 30 s anyway); a failure only makes them older.
pub async fn flush_challenge_counts(state: &AppState) {
    if let Err(error) = state.pow.flush_counts().await {
        tracing::warn!(error = %error, "challenge counts not written; kept for the next try");
    }
}
