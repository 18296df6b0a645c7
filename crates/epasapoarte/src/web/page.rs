//! What every page knows about its request: the reader's language (`?lang=` remembered in
//! a cookie), the anti-forgery token for its forms, and its cookie jar (`axum-extra`): the
//! cookies it came with and those to set on the way out. Handlers take a [`Page`] and end
//! with `page.render(template)`.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

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
    /// The request's cookies, and the changes the response will carry.
    jar: CookieJar,
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
        let secure_cookies = secure(&state);
        let mut jar = CookieJar::from_headers(&parts.headers);
        let asked = query_value(parts.uri.query(), "lang").and_then(|v| Lang::parse(&v));
        let lang = match asked {
            Some(lang) => {
                let mut remembered = cookie("lang", lang.as_str().to_owned(), "/", secure_cookies);
                remembered.set_http_only(false);
                remembered.set_max_age(time::Duration::days(365));
                jar = jar.add(remembered);
                lang
            }
            None => lang_of(&jar),
        };
        let session = match session_of(&jar) {
            Some(session) => session,
            None => {
                let session = csrf::new_session_id();
                jar = jar.add(cookie(csrf::COOKIE, session.clone(), "/", secure_cookies));
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
            jar,
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

    /// A cookie the request came with (or one this page set).
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.jar.get(name).map(Cookie::value)
    }

    /// Adds (or, with `max_age_secs == 0` and `value == ""`, deletes) an HttpOnly,
    /// SameSite=Lax cookie scoped to `path_scope`.
    pub fn set_cookie(&mut self, name: &str, value: &str, max_age_secs: i64, path_scope: &str) {
        let mut text = cookie(name, value.to_owned(), path_scope, self.secure_cookies);
        if max_age_secs > 0 {
            text.set_max_age(time::Duration::seconds(max_age_secs));
        } else if value.is_empty() {
            text.set_max_age(time::Duration::ZERO);
        }
        self.add_cookie(text);
    }

    /// Adds a cookie built elsewhere (the staff session's, with its own attributes).
    pub fn add_cookie(&mut self, cookie: Cookie<'static>) {
        self.jar = std::mem::take(&mut self.jar).add(cookie);
    }

    fn finish(self, response: Response) -> Response {
        (self.jar, response).into_response()
    }
}

/// Whether cookies must be `Secure` (the public URL is HTTPS).
pub fn secure(state: &AppState) -> bool {
    state.service.config.base_url.starts_with("https://")
}

/// The reader's language from the `lang` cookie (Romanian without one).
pub fn lang_of(jar: &CookieJar) -> Lang {
    jar.get("lang")
        .and_then(|c| Lang::parse(c.value()))
        .unwrap_or_default()
}

/// The browser's anti-forgery session id, when it has a well-formed one.
pub fn session_of(jar: &CookieJar) -> Option<String> {
    jar.get(csrf::COOKIE)
        .map(Cookie::value)
        .filter(|v| csrf::is_session_id(v))
        .map(str::to_owned)
}

/// A session cookie (no Max-Age) for `path`: HttpOnly unless the page's script needs it
/// (none does today), always SameSite=Lax (forms post to ourselves), Secure over HTTPS.
fn cookie(name: &str, value: String, path: &str, secure: bool) -> Cookie<'static> {
    Cookie::build((name.to_owned(), value))
        .path(path.to_owned())
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(secure)
        .build()
}

fn query_value(query: Option<&str>, name: &str) -> Option<String> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, v)| v.to_owned())
}
