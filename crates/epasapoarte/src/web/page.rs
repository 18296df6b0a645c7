//! What every page knows about its request: the reader's language (`?lang=` remembered in
//! a cookie), the anti-forgery token for its forms, and the cookies to set on the way out.
//! Handlers take a [`Page`] and end with `page.render(template)`.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::csrf;
use crate::i18n::Lang;
use crate::state::AppState;

/// The page frame's data: header, language switch, footer. Templates call `t("key")`.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub lang: Lang,
    /// The anti-forgery token every form posts back as `csrf`.
    pub csrf: String,
    /// The current path, for the language switch link.
    pub path: String,
    pub demo: bool,
}

impl Chrome {
    pub fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }

    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.lang.tf(key, args)
    }

    /// The other language, for the switch in the header.
    pub fn other_lang(&self) -> Lang {
        match self.lang {
            Lang::Ro => Lang::En,
            Lang::En => Lang::Ro,
        }
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.as_str()
    }
}

/// The request side of a page.
pub struct Page {
    pub chrome: Chrome,
    pub state: AppState,
    set_cookies: Vec<String>,
    secure_cookies: bool,
}

impl<S> FromRequestParts<S> for Page
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let secure_cookies = state.service.config.base_url.starts_with("https://");
        let mut set_cookies = Vec::new();
        let asked = query_value(parts.uri.query(), "lang").and_then(|v| Lang::parse(&v));
        let lang = match asked {
            Some(lang) => {
                set_cookies.push(cookie(
                    "lang",
                    lang.as_str(),
                    365 * 24 * 3600,
                    secure_cookies,
                    false,
                ));
                lang
            }
            None => cookie_value(&parts.headers, "lang")
                .and_then(|v| Lang::parse(&v))
                .unwrap_or_default(),
        };
        let session =
            match cookie_value(&parts.headers, csrf::COOKIE).filter(|v| csrf::is_session_id(v)) {
                Some(session) => session,
                None => {
                    let session = csrf::new_session_id();
                    set_cookies.push(cookie(csrf::COOKIE, &session, 0, secure_cookies, true));
                    session
                }
            };
        let csrf = csrf::token(&state.service.crypto, &session);
        let chrome = Chrome {
            lang,
            csrf,
            path: parts.uri.path().to_owned(),
            demo: state.demo,
        };
        Ok(Page {
            chrome,
            state,
            set_cookies,
            secure_cookies,
        })
    }
}

impl Page {
    /// Renders a template into a 200 page with this request's cookies.
    pub fn render(self, template: impl askama::Template) -> Response {
        self.render_status(StatusCode::OK, template)
    }

    pub fn render_status(self, status: StatusCode, template: impl askama::Template) -> Response {
        match template.render() {
            Ok(html) => self.finish((status, Html(html)).into_response()),
            Err(error) => {
                tracing::error!(error = %error, "template failed to render");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
            }
        }
    }

    /// A redirect after a successful POST (303: the browser GETs the next step).
    pub fn redirect(self, to: &str) -> Response {
        let response = (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_owned())]).into_response();
        self.finish(response)
    }

    /// Adds (or, with `max_age_secs == 0` and `value == ""`, deletes) a cookie.
    pub fn set_cookie(&mut self, name: &str, value: &str, max_age_secs: i64, path_scope: &str) {
        let mut text = cookie(name, value, max_age_secs, self.secure_cookies, true);
        text = text.replace("Path=/", &format!("Path={path_scope}"));
        self.set_cookies.push(text);
    }

    fn finish(self, mut response: Response) -> Response {
        for text in self.set_cookies {
            if let Ok(value) = HeaderValue::from_str(&text) {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
        }
        response
    }
}

/// A `Set-Cookie` value. `max_age_secs == 0`: a session cookie (or, with an empty value,
/// a deletion). Always SameSite=Lax (forms post to ourselves); HttpOnly unless the page's
/// script needs it (none does today).
fn cookie(name: &str, value: &str, max_age_secs: i64, secure: bool, http_only: bool) -> String {
    let mut text = format!("{name}={value}; Path=/; SameSite=Lax");
    if max_age_secs > 0 {
        text.push_str(&format!("; Max-Age={max_age_secs}"));
    } else if value.is_empty() {
        text.push_str("; Max-Age=0");
    }
    if http_only {
        text.push_str("; HttpOnly");
    }
    if secure {
        text.push_str("; Secure");
    }
    text
}

pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

fn query_value(query: Option<&str>, name: &str) -> Option<String> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, v)| v.to_owned())
}
