//! A large JSON answer written straight into one buffer of about its size.
//!
//! Why: axum's `Json` writes through a `BytesMut` that starts at 128 bytes, one small
//! `put_slice` per token, and grows as it goes. The availability answer (every slot of a
//! week, the page a crowd refreshes) is tens of kilobytes: there, the buffer's writes
//! were the top of the read path's profile (BENCHMARKS.md, stop 25).

use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// `value` as `application/json`, serialized into a buffer of `capacity` bytes to begin
/// with (a guess: it still grows if the answer is larger).
pub struct SizedJson<T> {
    pub value: T,
    pub capacity: usize,
}

impl<T: Serialize> IntoResponse for SizedJson<T> {
    fn into_response(self) -> Response {
        let mut body = Vec::with_capacity(self.capacity);
        match serde_json::to_writer(&mut body, &self.value) {
            Ok(()) => (
                [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
                body,
            )
                .into_response(),
            // As axum's `Json` does: our own types always serialize, so this is a bug.
            Err(error) => {
                tracing::error!(error = %error, "an answer could not be serialized");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_answer_is_the_same_json_as_axums() {
        let value = serde_json::json!({"days": [{"date": "2026-12-08", "slots": [
            {"time": "09:00", "free": 6, "slots": 1}, {"time": "09:15", "free": 2, "slots": 2}]}]});
        let ours = SizedJson {
            value: &value,
            capacity: 16,
        }
        .into_response();
        let axums = axum::Json(&value).into_response();
        assert_eq!(ours.status(), StatusCode::OK);
        assert_eq!(ours.headers()[CONTENT_TYPE], axums.headers()[CONTENT_TYPE]);
        let ours = axum::body::to_bytes(ours.into_body(), usize::MAX)
            .await
            .unwrap();
        let axums = axum::body::to_bytes(axums.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(ours, axums);
    }
}
