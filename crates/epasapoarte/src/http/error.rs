//! The one error type at the HTTP edge (SPEC §6.2): `{"error":{"code","message","fields"}}`
//! with a stable code per failure. User errors carry their status; anything else is an
//! opaque 500, logged once with its context and never shown.

use std::collections::BTreeMap;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::i18n::Lang;
use crate::service::{FieldErrors, ServiceError};

#[derive(Debug)]
pub enum ApiError {
    /// 422 with a message per field.
    Validation(FieldErrors),
    /// 4xx for a body or query that could not be read (malformed JSON, wrong types…).
    Unreadable {
        status: StatusCode,
        code: &'static str,
        message: String,
        fields: BTreeMap<String, String>,
    },
    ConsentRequired,
    SlotFull,
    CnpAlreadyBooked,
    Expired,
    Cancelled,
    NotFound,
    RateLimited {
        retry_after_secs: u64,
    },
    Internal(anyhow::Error),
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable: `validation`, `slot_full`, `cnp_already_booked`, `expired`, `cancelled`,
    /// `not_found`, `rate_limited`, `consent_required`, `malformed_json`,
    /// `payload_too_large`, `unsupported_media_type`, `internal`.
    pub code: &'static str,
    pub message: String,
    /// Field path → message, for `validation`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

impl ApiError {
    fn parts(self) -> (StatusCode, &'static str, String, BTreeMap<String, String>) {
        let en = |key: &str| Lang::En.t(key).to_owned();
        match self {
            ApiError::Validation(errors) => {
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
            ApiError::Unreadable {
                status,
                code,
                message,
                fields,
            } => (status, code, message, fields),
            ApiError::ConsentRequired => {
                let fields = BTreeMap::from([("consent".to_owned(), en("error.consent_required"))]);
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "consent_required",
                    en("error.consent_required"),
                    fields,
                )
            }
            ApiError::SlotFull => (
                StatusCode::CONFLICT,
                "slot_full",
                en("error.slot_full"),
                BTreeMap::new(),
            ),
            ApiError::CnpAlreadyBooked => (
                StatusCode::CONFLICT,
                "cnp_already_booked",
                en("error.cnp_already_booked"),
                BTreeMap::new(),
            ),
            ApiError::Expired => (
                StatusCode::GONE,
                "expired",
                en("error.expired"),
                BTreeMap::new(),
            ),
            ApiError::Cancelled => (
                StatusCode::CONFLICT,
                "cancelled",
                en("error.cancelled"),
                BTreeMap::new(),
            ),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                en("error.not_found"),
                BTreeMap::new(),
            ),
            ApiError::RateLimited { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                en("error.rate_limited"),
                BTreeMap::new(),
            ),
            ApiError::Internal(error) => {
                // Logged once, here, with its chain; the client learns nothing of it.
                tracing::error!(error = format!("{error:#}"), "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    en("error.internal"),
                    BTreeMap::new(),
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let retry_after = match &self {
            ApiError::RateLimited { retry_after_secs } => Some(*retry_after_secs),
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
        match error {
            ServiceError::Validation(fields) => ApiError::Validation(fields),
            ServiceError::ConsentRequired => ApiError::ConsentRequired,
            ServiceError::SlotFull => ApiError::SlotFull,
            ServiceError::CnpAlreadyBooked => ApiError::CnpAlreadyBooked,
            ServiceError::Expired => ApiError::Expired,
            ServiceError::Cancelled => ApiError::Cancelled,
            ServiceError::NotFound => ApiError::NotFound,
            ServiceError::Internal(error) => ApiError::Internal(error),
        }
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(error: crate::store::StoreError) -> Self {
        ApiError::from(ServiceError::from(error))
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// For background work with no response to carry the error: log internal ones.
    pub fn log_if_internal(self) {
        if let ApiError::Internal(error) = self {
            tracing::error!(
                error = format!("{error:#}"),
                "internal error in background work"
            );
        }
    }
}
