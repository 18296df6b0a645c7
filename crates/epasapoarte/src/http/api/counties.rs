//! GET /api/v1/counties — the 41 counties and Bucharest.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::http::error::{ApiResult, ErrorBody};
use crate::service::ServiceError;
use crate::state::AppState;

#[derive(Serialize, utoipa::ToSchema)]
pub struct CountyDto {
    /// Standard code, e.g. `CJ`, `B`.
    pub code: String,
    pub name: String,
}

#[utoipa::path(get, path = "/api/v1/counties", tag = "offices",
    responses((status = 200, body = [CountyDto]), (status = 500, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>) -> ApiResult<Json<Vec<CountyDto>>> {
    let counties = state
        .service
        .store
        .counties()
        .await
        .map_err(ServiceError::from)?;
    Ok(Json(
        counties
            .into_iter()
            .map(|(code, name)| CountyDto { code, name })
            .collect(),
    ))
}
