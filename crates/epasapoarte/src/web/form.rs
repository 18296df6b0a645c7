//! A posted HTML form, read as name/value pairs (its anti-forgery token was checked by the
//! layer every form passes, `csrf.rs`). Fields are read by name; a missing field reads as
//! empty, so every problem ends in the page's error summary rather than in a framework
//! rejection.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;

use super::page::lang_of;

pub struct Form {
    fields: Vec<(String, String)>,
}

impl Form {
    /// The first value of a field, trimmed; "" when absent.
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
            .unwrap_or("")
    }

    /// Every value of a repeated field (checkboxes), trimmed, in form order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
            .collect()
    }

    pub fn has(&self, name: &str) -> bool {
        self.fields.iter().any(|(key, _)| key == name)
    }

    /// A form with no fields (a page shown before anything was typed).
    pub fn empty() -> Form {
        Form { fields: Vec::new() }
    }

    #[cfg(test)]
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Form {
        Form {
            fields: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }
}

impl<S> FromRequest<S> for Form
where
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang = lang_of(&CookieJar::from_headers(request.headers()));
        let bytes = Bytes::from_request(request, state).await.map_err(|_| {
            (
                StatusCode::PAYLOAD_TOO_LARGE,
                Html(lang.t("web.error.too_large").to_owned()),
            )
                .into_response()
        })?;
        let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();
        Ok(Form { fields })
    }
}
