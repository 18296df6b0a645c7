//! POST /api/v1/applications/{number}/status: other systems (the passport production
//! centre) move an application along, with a bearer token from `epasapoarte token add`.
//! The token is checked before the body is read: an unauthenticated caller learns nothing
//! about applications or about what a valid body looks like. Each move is audit-logged
//! under `token:NAME`.

use axum::Json;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use epasapoarte_domain::application::{ApplicationNumber, ApplicationStatus};
use serde::{Deserialize, Serialize};
use utoipa::Modify;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::http::error::{ApiError, ApiResult, ErrorBody};
use crate::http::extract::ApiJson;
use crate::i18n::Lang;
use crate::service::applications::tokens::{self, ApiAuthError};
use crate::service::{FieldErrors, ServiceError};
use crate::staff::Actor;
use crate::state::AppState;
use crate::store::ApiTokenRecord;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusUpdateDto {
    /// The status to move to: `in_production`, `ready`, `handed_over`, `shipped` or
    /// `rejected`. Asking for the current status again changes nothing (200).
    pub status: String,
    /// Required with `rejected`; kept in the application's history for any move.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct StatusMovedDto {
    pub number: String,
    pub status: String,
}

/// The caller behind a valid, unrevoked bearer token.
pub struct ApiCaller(pub ApiTokenRecord);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| {
                let (scheme, token) = value.trim().split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
            });
        let Some(token) = token else {
            return Err(unauthorized(false));
        };
        match tokens::authenticate(state.service.store.as_ref(), token).await {
            Ok(record) => Ok(ApiCaller(record)),
            Err(ApiAuthError::Invalid) => Err(unauthorized(true)),
            Err(ApiAuthError::Revoked) => Err(ApiError::Refused {
                status: StatusCode::FORBIDDEN,
                code: "token_revoked",
                message: Lang::En.t("error.application.token_revoked").to_owned(),
                fields: Default::default(),
            }
            .into_response()),
            Err(ApiAuthError::Store(error)) => {
                Err(ApiError::from(ServiceError::from(error)).into_response())
            }
        }
    }
}

/// 401 with the challenge RFC 6750 asks for (`invalid_token` when one was presented).
fn unauthorized(presented: bool) -> Response {
    let mut response = ApiError::Refused {
        status: StatusCode::UNAUTHORIZED,
        code: "unauthorized",
        message: Lang::En.t("error.application.unauthorized").to_owned(),
        fields: Default::default(),
    }
    .into_response();
    let challenge = if presented {
        "Bearer realm=\"epasapoarte\", error=\"invalid_token\""
    } else {
        "Bearer realm=\"epasapoarte\""
    };
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(challenge),
    );
    response
}

#[utoipa::path(post, path = "/api/v1/applications/{number}/status", tag = "applications",
    params(("number" = String, Path, description = "The application number, e.g. `CJ-2026-000123-K`")),
    request_body = StatusUpdateDto,
    security(("bearer" = [])),
    responses((status = 200, body = StatusMovedDto),
              (status = 401, description = "`unauthorized`: no token, or not one of ours", body = ErrorBody),
              (status = 403, description = "`token_revoked`", body = ErrorBody),
              (status = 404, description = "`not_found`: no application with that number", body = ErrorBody),
              (status = 409, description = "`illegal_transition`", body = ErrorBody),
              (status = 422, description = "`validation`: unknown status, or `rejected` without a reason", body = ErrorBody)))]
pub async fn move_status(
    ApiCaller(caller): ApiCaller,
    State(state): State<AppState>,
    Path(number): Path<String>,
    ApiJson(body): ApiJson<StatusUpdateDto>,
) -> ApiResult<Json<StatusMovedDto>> {
    let number: ApplicationNumber = number.parse().map_err(|_| ApiError::not_found())?;
    let to: ApplicationStatus = body.status.trim().parse().map_err(|_| {
        ApiError::validation(FieldErrors::single("status", "application.unknown_status"))
    })?;
    let moved = state
        .service
        .move_application_status(
            &number,
            to,
            body.reason.as_deref(),
            &Actor::Token(caller.name.clone()),
        )
        .await?;
    Ok(Json(StatusMovedDto {
        number: moved.number.to_string(),
        status: moved.status.as_str().to_owned(),
    }))
}

/// Declares the bearer scheme the status endpoint uses in the OpenAPI document.
pub struct BearerSecurity;

impl Modify for BearerSecurity {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API token from `epasapoarte token add --name N`."))
                    .build(),
            ),
        );
    }
}
