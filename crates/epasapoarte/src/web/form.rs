//! A posted HTML form, read as name/value pairs after its anti-forgery token was checked.
//! Fields are read by name; a missing field reads as empty, so every problem ends in the
//! page's error summary rather than in a framework rejection.

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::csrf;
use axum_extra::extract::cookie::{Cookie, CookieJar};

use super::page::{Chrome, lang_of};
use super::pages::MessagePage;
use crate::i18n::Lang;
use crate::state::AppState;

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
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let jar = CookieJar::from_headers(request.headers());
        let session = jar.get(csrf::COOKIE).map(Cookie::value);
        let lang = lang_of(&jar);
        let bytes = Bytes::from_request(request, &state).await.map_err(|_| {
            (
                StatusCode::PAYLOAD_TOO_LARGE,
                Html(lang.t("web.error.too_large").to_owned()),
            )
                .into_response()
        })?;
        let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();
        let posted = fields
            .iter()
            .find(|(key, _)| key == "csrf")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        if !csrf::verify(&state.service.crypto, session, posted) {
            tracing::warn!("form refused: missing or wrong anti-forgery token");
            return Err(forbidden(lang));
        }
        Ok(Form { fields })
    }
}

/// The answer to a forged or stale form: say what happened and how to go on.
fn forbidden(lang: Lang) -> Response {
    let chrome = Chrome {
        lang,
        csrf: String::new(),
        path: "/".to_owned(),
        demo: false,
    };
    let page = MessagePage {
        title: lang.t("web.error.forbidden_title").to_owned(),
        paragraphs: vec![lang.t("web.error.forbidden_body").to_owned()],
        link: Some(("/".to_owned(), lang.t("web.home.link").to_owned())),
        chrome,
    };
    match askama::Template::render(&page) {
        Ok(html) => (StatusCode::FORBIDDEN, Html(html)).into_response(),
        Err(_) => StatusCode::FORBIDDEN.into_response(),
    }
}
