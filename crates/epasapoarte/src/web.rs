//! The citizen website (SPEC §6.3): server-rendered pages that work without JavaScript,
//! Romanian first with English, GOV.UK-style patterns. Every page is a handler that takes a
//! [`page::Page`] (language, anti-forgery token, cookies) and renders one compiled template
//! from `templates/web/`; every form posts back through [`form::Form`], after the
//! anti-forgery layer every page route carries ([`csrf::forms`]) checked its token.

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

pub mod admin;
mod assets;
pub mod csrf;
pub mod form;
pub mod journey;
pub mod page;
pub mod pages;
pub mod pow;
pub mod security;

/// Every page. Each area owns its routes: the booking journey (`journey`), the other
/// public pages (`pages`), the staff back office (`admin`).
/// `state` gives the rate-limit layers of the forms their buckets.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home::show))
        .route("/static/app.css", get(assets::css))
        .route("/static/app.js", get(assets::js))
        .route("/static/altcha/altcha.js", get(assets::altcha_js))
        .route("/static/altcha/altcha.css", get(assets::altcha_css))
        .route("/static/altcha/worker.js", get(assets::altcha_worker))
        .merge(journey::router(state))
        .merge(pages::router(state))
        .merge(admin::router(state))
}

/// A problem with one form field, shown in the error summary (linking to `#id`) and above
/// the field itself.
#[derive(Debug, Clone)]
pub struct FieldMessage {
    /// The HTML id of the input the summary links to.
    pub id: String,
    pub message: String,
}

/// Looks up a field's message in a list (for inline errors in templates).
pub fn message_for<'a>(errors: &'a [FieldMessage], id: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|error| error.id == id)
        .map(|error| error.message.as_str())
}
