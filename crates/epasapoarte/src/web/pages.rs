//! The public pages, one module each (the booking journey lives in `journey`).

use askama::Template;
use axum::Router;
use axum::routing::get;

use super::page::Chrome;
use crate::http::layers;
use crate::state::AppState;
use crate::web::csrf::{self, Area};

pub mod appointment;
pub mod articles;
pub mod calendar;
pub mod cancel;
pub mod confirm;
pub mod draw;
pub mod earliest;
pub mod home;
pub mod info;
pub mod lookup;
pub mod mailbox;
pub mod offices;
pub mod problem;
pub mod query;
pub mod reconfirm;
pub mod stats;
pub mod status;
pub mod unsubscribe;
pub mod waitlist;

/// The routes of the pages other than the journey and the home page.
pub fn router(state: &AppState) -> Router<AppState> {
    let routes = Router::new()
        .route(
            "/programare/confirma/{token}",
            get(confirm::show).post(confirm::submit),
        )
        .route(
            "/programare/confirma/{token}/calendar.ics",
            get(calendar::download),
        )
        .route(
            "/programare/anuleaza/{token}",
            get(cancel::show).post(cancel::submit),
        )
        .route(
            "/programare/reconfirma/{token}",
            get(reconfirm::show).post(reconfirm::submit),
        )
        .route(
            "/verifica-programare",
            get(lookup::show).post(lookup::submit),
        )
        .route("/verifica-programare/trimis", get(lookup::sent))
        .route("/tragere", get(draw::show).post(draw::submit))
        .route("/tragere/trimis", get(draw::sent))
        .route(
            "/tragere/confirma/{token}",
            get(draw::confirm::show).post(draw::confirm::submit),
        )
        .route(
            "/lista-asteptare",
            get(waitlist::show).post(waitlist::submit),
        )
        .route("/lista-asteptare/trimis", get(waitlist::sent))
        .route(
            "/lista-asteptare/confirma/{token}",
            get(waitlist::confirm_show).post(waitlist::confirm_submit),
        )
        .route(
            "/lista-asteptare/preia/{token}",
            get(waitlist::take_show).post(waitlist::take_submit),
        )
        .route(
            "/pasaport/dezabonare/{token}",
            get(unsubscribe::show).post(unsubscribe::submit),
        )
        .route("/informatii", get(info::show))
        .route("/birouri", get(offices::show))
        .route("/statistici", get(stats::show))
        .route("/birouri/cel-mai-devreme", get(earliest::show))
        .route("/demo/mailbox", get(mailbox::list))
        .route("/demo/mailbox/{name}", get(mailbox::show))
        .route("/politica-de-confidentialitate", get(articles::privacy))
        .route("/accesibilitate", get(articles::accessibility))
        .route("/contact", get(articles::contact))
        .route("/informatii/pasaport-pierdut", get(articles::lost));
    let status_lookup =
        Router::new().route("/status-pasaport", get(status::show).post(status::submit));
    let (routes, status_lookup) = (
        csrf::forms(routes, state, Area::Public),
        csrf::forms(status_lookup, state, Area::Public),
    );
    layers::public_writes(routes, state).merge(layers::status_lookups(status_lookup, state))
}

/// A page that only says something: a title, paragraphs, and a link onwards.
#[derive(Template)]
#[template(path = "web/message.html")]
pub struct MessagePage {
    pub chrome: Chrome,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub link: Option<(String, String)>,
}
