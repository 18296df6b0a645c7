//! The one error type at the HTTP edge (SPEC §6.2): `{"error":{"code","message","fields"}}`
//! with a stable code per failure. What the service refused keeps the service's reason
//! ([`ApiError::Service`], mapped to a status and code here, in one table); the edge adds
//! only what the service never sees: requests it could not read, callers it would not let
//! in, and rate limits. Internal failures are an opaque 500, logged once with their context
//! and never shown.

use std::collections::BTreeMap;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::i18n::Lang;
use crate::service::{FieldErrors, ServiceError};

#[derive(Debug)]
pub enum ApiError {
    /// What the service said (or failed at), with its status and code from [`service_parts`].
    Service(ServiceError),
    /// A request refused at the edge with its own status and code: a body or query that
    /// could not be read (malformed JSON, wrong types…), a missing or revoked API token.
    Refused {
        status: StatusCode,
        code: &'static str,
        message: String,
        fields: BTreeMap<String, String>,
    },
    RateLimited {
        retry_after_secs: u64,
    },
    /// A public write without a good proof-of-work solution (SPEC §8): 403
    /// `challenge_required`, the reason on the `altcha` field.
    ChallengeRequired(crate::pow::Refusal),
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable: `validation`, `slot_full`, `cnp_already_booked`, `cnp_already_entered`,
    /// `cnp_cooling_off`, `draw_closed`, `expired`, `cancelled`,
    /// `not_found`, `rate_limited`, `challenge_required`, `consent_required`, `malformed_json`,
    /// `payload_too_large`, `unsupported_media_type`, `cnp_already_waiting`, `hold_expired`,
    /// `hold_taken`, `bad_request`, `method_not_allowed`, `timeout`, `unavailable`,
    /// `internal`.
    pub code: &'static str,
    pub message: String,
    /// Field path → message, for `validation`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

type Parts = (StatusCode, &'static str, String, BTreeMap<String, String>);

/// What a 503 `unavailable` asks the client to wait before trying again.
pub const UNAVAILABLE_RETRY_SECS: u64 = 5;

impl ApiError {
    /// 404 `not_found`.
    pub fn not_found() -> ApiError {
        ApiError::Service(ServiceError::NotFound)
    }

    /// 422 `validation` with a message per field.
    pub fn validation(errors: FieldErrors) -> ApiError {
        ApiError::Service(ServiceError::Validation(errors))
    }

    fn parts(self) -> Parts {
        match self {
            ApiError::Service(error) => service_parts(error),
            ApiError::Refused {
                status,
                code,
                message,
                fields,
            } => (status, code, message, fields),
            ApiError::RateLimited { .. } => plain(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                en("error.rate_limited"),
            ),
            ApiError::ChallengeRequired(refusal) => (
                StatusCode::FORBIDDEN,
                "challenge_required",
                en("error.challenge.required"),
                BTreeMap::from([(
                    "altcha".to_owned(),
                    en(&format!("error.challenge.{}", refusal.code())),
                )]),
            ),
        }
    }
}

fn en(key: &str) -> String {
    Lang::En.t(key).to_owned()
}

fn plain(status: StatusCode, code: &'static str, message: String) -> Parts {
    (status, code, message, BTreeMap::new())
}

/// The service's errors as the API shows them: the stable codes of SPEC §6.2 and ours.
fn service_parts(error: ServiceError) -> Parts {
    match error {
        ServiceError::Validation(errors) => {
            let fields = errors
                .0
                .iter()
                .map(|(field, error)| (field.clone(), en(&format!("field.{}", error.code))))
                .collect();
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                en("error.validation"),
                fields,
            )
        }
        ServiceError::ConsentRequired => {
            let fields = BTreeMap::from([("consent".to_owned(), en("error.consent_required"))]);
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "consent_required",
                en("error.consent_required"),
                fields,
            )
        }
        ServiceError::SlotFull => plain(StatusCode::CONFLICT, "slot_full", en("error.slot_full")),
        ServiceError::Unavailable => plain(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            en("error.unavailable"),
        ),
        ServiceError::CnpAlreadyBooked => plain(
            StatusCode::CONFLICT,
            "cnp_already_booked",
            en("error.cnp_already_booked"),
        ),
        ServiceError::CnpAlreadyEntered => plain(
            StatusCode::CONFLICT,
            "cnp_already_entered",
            en("error.cnp_already_entered"),
        ),
        ServiceError::CnpCoolingOff => plain(
            StatusCode::CONFLICT,
            "cnp_cooling_off",
            en("error.cnp_cooling_off"),
        ),
        ServiceError::DrawClosed => {
            plain(StatusCode::CONFLICT, "draw_closed", en("error.draw_closed"))
        }
        ServiceError::Expired => plain(StatusCode::GONE, "expired", en("error.expired")),
        ServiceError::CnpAlreadyWaiting => plain(
            StatusCode::CONFLICT,
            "cnp_already_waiting",
            en("error.cnp_already_waiting"),
        ),
        ServiceError::HoldExpired => {
            plain(StatusCode::GONE, "hold_expired", en("error.hold_expired"))
        }
        ServiceError::HoldTaken => {
            plain(StatusCode::CONFLICT, "hold_taken", en("error.hold_taken"))
        }
        ServiceError::Cancelled => plain(StatusCode::CONFLICT, "cancelled", en("error.cancelled")),
        ServiceError::NotFound => plain(StatusCode::NOT_FOUND, "not_found", en("error.not_found")),
        ServiceError::IllegalTransition(illegal) => plain(
            StatusCode::CONFLICT,
            "illegal_transition",
            format!(
                "{} ({illegal}).",
                Lang::En
                    .t("error.application.illegal_transition")
                    .trim_end_matches('.')
            ),
        ),
        ServiceError::Restricted(refusal) => plain(
            StatusCode::CONFLICT,
            "restricted",
            Lang::En.tf(
                "error.application.restricted",
                &[
                    ("legal_basis", &refusal.legal_basis),
                    ("ends_on", &refusal.ends_on.to_string()),
                ],
            ),
        ),
        ServiceError::AlreadyRegistered => plain(
            StatusCode::CONFLICT,
            "already_registered",
            en("error.application.already_registered"),
        ),
        ServiceError::Internal(error) => {
            // Logged once, here, with its chain; the client learns nothing of it.
            tracing::error!(error = format!("{error:#}"), "internal error");
            plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                en("error.internal"),
            )
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let retry_after = match &self {
            ApiError::RateLimited { retry_after_secs } => Some(*retry_after_secs),
            ApiError::Service(ServiceError::Unavailable) => Some(UNAVAILABLE_RETRY_SECS),
            _ => None,
        };
        let (status, code, message, fields) = self.parts();
        let mut response = (
            status,
            axum::Json(ErrorBody {
                error: ErrorDetail {
                    code,
                    message,
                    fields,
                },
            }),
        )
            .into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> Self {
        ApiError::Service(error)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// Every API answer of 400 and above in JSON (issue 13): one that left the handlers
/// without a JSON body — a path the router could not decode (400), a method the route
/// does not take (405), a request that ran out of time (408), a body over the limit (413)
/// — gets the JSON error of its status with a stable code; `Allow` and `Retry-After`
/// stay. Pages keep their HTML.
pub async fn json_errors(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    if !api || json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let code = match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::REQUEST_TIMEOUT => "timeout",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::TOO_MANY_REQUESTS => "rate_limited",
        status if status.is_server_error() => "internal",
        _ => "bad_request",
    };
    let mut answer = ApiError::Refused {
        status,
        code,
        message: status.canonical_reason().unwrap_or("Error").to_owned(),
        fields: BTreeMap::new(),
    }
    .into_response();
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = response.headers().get(&name) {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}
