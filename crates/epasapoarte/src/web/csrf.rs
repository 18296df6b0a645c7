//! Anti-forgery for every form (SPEC §6.3): each browser gets a random session id in an
//! HttpOnly cookie, and every form carries `csrf` = HMAC(key, session id). A POST whose
//! token does not match its own cookie is refused. Cross-site pages can neither read the
//! cookie nor compute the HMAC; SameSite=Lax is a second fence.
//!
//! Checked once, by [`require_token`]: a layer on every page route, public and back
//! office alike (`forms`), so that no handler checks again and none can forget to.

use axum::Router;
use axum::body::Body;
use axum::extract::{FromRequestParts, MatchedPath, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar};

use crate::crypto::{Crypto, HashPurpose};
use crate::state::AppState;
use crate::web::page::{Page, lang_of};
use crate::web::pages::problem;

pub const COOKIE: &str = "epas_sid";

pub fn new_session_id() -> String {
    crate::crypto::new_token()
}

pub fn is_session_id(text: &str) -> bool {
    crate::crypto::looks_like_token(text)
}

pub fn token(crypto: &Crypto, session: &str) -> String {
    crypto
        .keyed_hash(HashPurpose::Csrf, session.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Constant-time comparison of the posted token with the one this session should carry.
pub fn verify(crypto: &Crypto, session: Option<&str>, posted: &str) -> bool {
    let Some(session) = session.filter(|s| is_session_id(s)) else {
        return false;
    };
    let expected = token(crypto, session);
    expected.len() == posted.len()
        && expected
            .bytes()
            .zip(posted.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Whose forms a layer guards: the answer to a forged one differs a little.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// The citizen pages: the refusal links home.
    Public,
    /// The back office: the refusal links to the dashboard and is written to the audit
    /// log, under the staff member's name when a session came with it.
    BackOffice,
}

#[derive(Clone)]
struct Guarded {
    state: AppState,
    area: Area,
}

/// Puts the anti-forgery check on every POST of `routes`.
pub fn forms(routes: Router<AppState>, state: &AppState, area: Area) -> Router<AppState> {
    routes.route_layer(from_fn_with_state(
        Guarded {
            state: state.clone(),
            area,
        },
        require_token,
    ))
}

/// Reads a POST's body, checks its `csrf` field against the browser's `epas_sid`, and
/// hands the body on untouched; a missing or wrong token is a 403 page, a body over the
/// limit a 413.
async fn require_token(State(guarded): State<Guarded>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let jar = CookieJar::from_headers(&parts.headers);
    let Ok(bytes) = axum::body::to_bytes(body, crate::http::MAX_BODY_BYTES).await else {
        let lang = lang_of(&jar);
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            Html(lang.t("web.error.too_large")),
        )
            .into_response();
    };
    let posted = form_urlencoded::parse(&bytes)
        .find(|(key, _)| key == "csrf")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    let session = jar.get(COOKIE).map(Cookie::value);
    if verify(&guarded.state.service.crypto, session, &posted) {
        return next
            .run(Request::from_parts(parts, Body::from(bytes)))
            .await;
    }
    tracing::warn!("form refused: missing or wrong anti-forgery token");
    let home = match guarded.area {
        Area::Public => ("/", "web.home.link"),
        Area::BackOffice => {
            let route = parts
                .extensions
                .get::<MatchedPath>()
                .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned());
            crate::web::admin::guard::audit_forgery(&guarded.state, &jar, &route).await;
            ("/admin", "admin.bar.home")
        }
    };
    let page = match Page::from_request_parts(&mut parts, &guarded.state).await {
        Ok(page) => page,
        Err(never) => match never {},
    };
    problem::message(
        page,
        StatusCode::FORBIDDEN,
        "web.error.forbidden_title",
        &["web.error.forbidden_body"],
        Some(home),
    )
}
