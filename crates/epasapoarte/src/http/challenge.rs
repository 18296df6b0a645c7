//! The proof of work at the API's edge: [`ClientIp`] (whose rate the difficulty follows)
//! and [`WithChallenge`], a JSON body with its `altcha` field taken out (so the body types
//! keep `deny_unknown_fields`). A handler checks the solution once the body has parsed:
//!
//! ```ignore
//! pub async fn create(State(state): State<AppState>, ClientIp(ip): ClientIp,
//!     WithChallenge { solution, body }: WithChallenge<BookingRequest>) -> ApiResult<…> {
//!     state.pow.accept(&solution, FormKind::Booking, ip).await?;
//! ```

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::extract::ApiJson;
use crate::pow::{PowError, Solution};
use crate::service::ServiceError;

/// The address the request came from (0.0.0.0 when unknown).
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(parts)))
    }
}

pub fn client_ip(parts: &Parts) -> IpAddr {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |ConnectInfo(addr)| addr.ip())
}

/// A JSON body of type `T` and the solution in its `altcha` field.
pub struct WithChallenge<T> {
    pub solution: Solution,
    pub body: T,
}

impl<S, T> FromRequest<S> for WithChallenge<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let bytes = Bytes::from_request(Request::from_parts(parts.clone(), body), state)
            .await
            .map_err(|_| too_large())?;
        if !bytes.windows(8).any(|window| window == b"\"altcha\"") {
            // No field to take out: the body as it came (the fast path of load tests).
            let ApiJson(body) =
                ApiJson::from_request(Request::from_parts(parts, Body::from(bytes)), state).await?;
            return Ok(WithChallenge {
                solution: Solution::Missing,
                body,
            });
        }
        let ApiJson(mut object) =
            ApiJson::<serde_json::Map<String, serde_json::Value>>::from_request(
                Request::from_parts(parts.clone(), Body::from(bytes)),
                state,
            )
            .await?;
        let solution = match object.remove("altcha") {
            None | Some(serde_json::Value::Null) => Solution::Missing,
            Some(serde_json::Value::String(text)) if text.trim().is_empty() => Solution::Missing,
            Some(serde_json::Value::String(text)) => Solution::Altcha(text),
            Some(other) => Solution::Altcha(other.to_string()),
        };
        let rest = serde_json::to_vec(&object).unwrap_or_default();
        let ApiJson(body) =
            ApiJson::from_request(Request::from_parts(parts, Body::from(rest)), state).await?;
        Ok(WithChallenge { solution, body })
    }
}

fn too_large() -> ApiError {
    ApiError::Refused {
        status: axum::http::StatusCode::PAYLOAD_TOO_LARGE,
        code: "payload_too_large",
        message: "The request body is too large.".to_owned(),
        fields: Default::default(),
    }
}

impl From<PowError> for ApiError {
    fn from(error: PowError) -> Self {
        match error {
            PowError::Refused(refusal) => ApiError::ChallengeRequired(refusal),
            PowError::Store(error) => ApiError::Service(ServiceError::from(error)),
        }
    }
}
