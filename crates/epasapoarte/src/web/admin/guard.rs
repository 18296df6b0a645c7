//! The one gate of the back office. Every `/admin` handler is wrapped by [`guarded`] with
//! its route's rule (see `routes.rs`), and before the handler runs the gate:
//! 1. finds the staff session from the `epas_staff` cookie — none: 303 to the login page;
//! 2. applies the route's [`Require`] with [`decide`] — another office: 404, too little
//!    role: 403, both written to the audit log;
//! 3. hands the session to the handler through the [`Staff`] extractor.
//!
//! The anti-forgery token of a POST was checked before, by the layer every form passes
//! (`web/csrf.rs`); a refusal there is written to the audit log by [`audit_forgery`].

use std::net::{IpAddr, SocketAddr};
use std::ops::Deref;

use axum::extract::{
    ConnectInfo, FromRequestParts, OptionalFromRequestParts, RawPathParams, Request, State,
};
use axum::handler::Handler;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use axum_extra::extract::cookie::{Cookie, CookieJar};
use serde_json::json;

use super::cookie;
use super::frame;
use super::routes::AdminRoute;
use crate::ids::OfficeId;
use crate::staff::{
    Access, Actor, AuditEvent, Require, StaffMember, StaffService, StaffSession, access,
};
use crate::state::AppState;
use crate::web::page::{Page, secure};
use crate::web::pages::problem;

/// The method router of one table row: the gate, then the handler.
pub fn guarded<H, T>(route: &'static AdminRoute, handler: H) -> MethodRouter<AppState>
where
    H: Handler<T, AppState>,
    T: 'static,
{
    axum::routing::on(
        route.verb.filter(),
        move |State(state): State<AppState>, request: Request| async move {
            match check(route, &state, request).await {
                Ok(request) => handler.call(request, state).await,
                Err(refusal) => refusal,
            }
        },
    )
}

async fn check(
    route: &AdminRoute,
    state: &AppState,
    request: Request,
) -> Result<Request, Response> {
    let staff = StaffService::of(&state.service);
    let (mut parts, body) = request.into_parts();
    let jar = CookieJar::from_headers(&parts.headers);
    let token = jar.get(cookie::NAME).map(Cookie::value);
    let session = match &token {
        Some(token) => match staff.session(token).await {
            Ok(session) => session,
            Err(error) => {
                // Logged once, by `failed`; the reader sees the opaque 500 page.
                let page = page_of(&mut parts, state).await;
                return Err(problem::failed(page, error));
            }
        },
        None => None,
    };
    if session.is_none() && route.require != Require::Public {
        return Err(to_login(token.is_some(), secure(state)));
    }
    if let Some(session) = session {
        let office = office_in_path(&mut parts, state).await;
        let verdict = access::decide(&session.member, route.require, office);
        if verdict != Access::Allowed {
            let status = if verdict == Access::Forbidden {
                403
            } else {
                404
            };
            let event = AuditEvent::new(Actor::staff(&session.member), "access.denied")
                .office(office)
                .target(format!("{} {}", route.verb.as_str(), route.path))
                .after(json!({"status": status, "rule": route.require.describe()}));
            staff.audit_or_log(event).await;
            let page = page_of(&mut parts, state).await;
            return Err(match verdict {
                Access::Forbidden => frame::forbidden(page, &session.member).await,
                _ => problem::not_found(page),
            });
        }
        parts.extensions.insert(session);
    }
    Ok(Request::from_parts(parts, body))
}

/// Writes a refused back-office form to the audit log: under the staff member's name
/// when the browser came with a live session, as anonymous otherwise.
pub async fn audit_forgery(state: &AppState, jar: &CookieJar, route: &str) {
    let staff = StaffService::of(&state.service);
    let session = match jar.get(cookie::NAME) {
        Some(token) => staff.session(token.value()).await.ok().flatten(),
        None => None,
    };
    let actor = session
        .as_ref()
        .map_or(Actor::Anonymous, |s| Actor::staff(&s.member));
    let event = AuditEvent::new(actor, "csrf.refused")
        .office(session.as_ref().and_then(|s| s.member.office_id))
        .target(format!("POST {route}"))
        .after(json!({"status": 403}));
    staff.audit_or_log(event).await;
}

/// 303 to the login page; a dead session's cookie is cleared and the page says why.
fn to_login(had_cookie: bool, secure: bool) -> Response {
    let to = if had_cookie {
        "/admin/login?expirat=1"
    } else {
        "/admin/login"
    };
    let jar = if had_cookie {
        CookieJar::new().add(cookie::cleared(secure))
    } else {
        CookieJar::new()
    };
    (StatusCode::SEE_OTHER, jar, [(header::LOCATION, to)]).into_response()
}

async fn office_in_path(parts: &mut Parts, state: &AppState) -> Option<OfficeId> {
    let params = RawPathParams::from_request_parts(parts, state).await.ok()?;
    let (_, value) = params.iter().find(|(name, _)| *name == "office")?;
    value.parse().ok()
}

async fn page_of(parts: &mut Parts, state: &AppState) -> Page {
    match Page::from_request_parts(parts, state).await {
        Ok(page) => page,
        Err(never) => match never {},
    }
}

/// The signed-in staff member of a request that passed the gate.
#[derive(Debug, Clone)]
pub struct Staff(pub StaffSession);

impl Deref for Staff {
    type Target = StaffMember;

    fn deref(&self) -> &StaffMember {
        &self.0.member
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        // Only a route without a session rule (the login page) can lack one.
        parts
            .extensions
            .get::<StaffSession>()
            .cloned()
            .map(Staff)
            .ok_or_else(|| to_login(false, false))
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for Staff {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<StaffSession>().cloned().map(Staff))
    }
}

/// The client's address (for the per-address login limit); unspecified when unknown.
pub struct ClientAddress(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::from([0, 0, 0, 0]), |ConnectInfo(address)| {
                address.ip()
            });
        Ok(ClientAddress(address))
    }
}
