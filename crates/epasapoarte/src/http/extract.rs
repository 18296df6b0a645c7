//! Extractors whose rejections speak our error format: a malformed body or query is a
//! clear 4xx with a stable code, never axum's plain-text default.

use std::collections::BTreeMap;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::error::ApiError;

/// `axum::Json` with our errors.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    let status = rejection.status();
    let (code, message) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => (
            "payload_too_large",
            "The request body is too large.".to_owned(),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "Send the body as JSON with Content-Type: application/json.".to_owned(),
        ),
        StatusCode::UNPROCESSABLE_ENTITY => (
            "validation",
            "The JSON body does not have the expected fields and types.".to_owned(),
        ),
        _ => (
            "malformed_json",
            "The request body is not valid JSON.".to_owned(),
        ),
    };
    let mut fields = BTreeMap::new();
    if let JsonRejection::JsonDataError(error) = &rejection {
        // axum reports "path: reason"; keep the path and serde's reason, never more than a line.
        let detail = error.body_text();
        let detail = detail.rsplit("target type: ").next().unwrap_or(&detail);
        let (field, reason) = detail.split_once(": ").unwrap_or(("body", detail));
        let field = if field.contains(' ') { "body" } else { field };
        fields.insert(field.to_owned(), truncate(reason, 200));
    }
    ApiError::Refused {
        status,
        code,
        message,
        fields,
    }
}

/// `axum::extract::Query` with our errors.
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(rejection @ QueryRejection::FailedToDeserializeQueryString(_)) => {
                Err(ApiError::Refused {
                    status: StatusCode::UNPROCESSABLE_ENTITY,
                    code: "validation",
                    message: "The query string does not have the expected parameters.".to_owned(),
                    fields: BTreeMap::from([(
                        "query".to_owned(),
                        truncate(&rejection.body_text(), 200),
                    )]),
                })
            }
            Err(other) => Err(ApiError::Refused {
                status: StatusCode::BAD_REQUEST,
                code: "validation",
                message: truncate(&other.body_text(), 200),
                fields: BTreeMap::new(),
            }),
        }
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    line.chars().take(max_chars).collect()
}
