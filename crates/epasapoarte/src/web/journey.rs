//! `/programare` — the booking journey (SPEC §2 J2, UI.md steps 1–10): one question per
//! page, each a GET that shows it and a POST that checks the answer and sends the citizen
//! on (303), or shows the page again with the error summary (422). The answers travel in
//! a sealed cookie (`state`), never in a URL; `flow` knows the order of the steps.

use axum::Router;
use axum::routing::get;

use crate::http::layers;
use crate::state::AppState;
use crate::web::csrf::{self, Area};

mod applicant;
mod check;
mod companions;
mod county;
mod date;
mod flow;
mod office;
mod people;
mod persons;
mod sent;
mod service;
pub mod state;
mod time;
mod view;

pub fn router(state: &AppState) -> Router<AppState> {
    let routes = Router::new()
        .route("/programare", get(county::show).post(county::save))
        .route("/programare/birou", get(office::show).post(office::save))
        .route(
            "/programare/serviciu",
            get(service::show).post(service::save),
        )
        .route(
            "/programare/persoane",
            get(persons::show).post(persons::save),
        )
        .route("/programare/data", get(date::show).post(date::save))
        .route("/programare/ora", get(time::show).post(time::save))
        .route(
            "/programare/solicitant",
            get(applicant::show).post(applicant::save),
        )
        .route(
            "/programare/persoane-suplimentare",
            get(companions::show).post(companions::save),
        )
        .route("/programare/verificare", get(check::show).post(check::save))
        .route("/programare/trimis", get(sent::show));
    layers::public_writes(csrf::forms(routes, state, Area::Public), state)
}

#[cfg(test)]
mod tests;
