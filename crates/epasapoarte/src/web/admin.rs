//! `/admin` — the staff back office (SPEC §3, issue 5): server-rendered pages with the
//! public site's look, language and accessibility, behind one gate. Every route is a row
//! of [`routes::ROUTES`] with its access rule; [`guard`] enforces the rule before any
//! handler runs, and handlers receive the signed-in member as [`guard::Staff`].

use axum::Router;

use crate::http::layers;
use crate::state::AppState;
use crate::web::csrf::{self, Area};

mod accounts;
mod agenda;
mod applications;
mod audit;
pub mod cookie;
mod dashboard;
mod declarations;
pub mod frame;
pub mod guard;
mod login;
mod logout;
mod offices;
mod password;
mod personal;
mod reports;
mod restrictions;
pub mod routes;
mod setup;
mod users;

/// The back office's routes, built from the table (one rule per route, no exceptions);
/// their forms are public writes like any other (the login form first of all).
pub fn router(state: &AppState) -> Router<AppState> {
    let routes = routes::ROUTES.iter().fold(Router::new(), |router, route| {
        router.route(route.path, route.method_router())
    });
    layers::public_writes(csrf::forms(routes, state, Area::BackOffice), state)
}
