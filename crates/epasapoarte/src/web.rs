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

/// The page text of a service field error (issue 12: every error names its field). A
/// missing value says which field ("Completați câmpul „Prenume”."), by the label of the
/// path's last part (`applicant.first_name` → `label.first_name`); any other problem is
/// the catalogue's `field.<code>` (the API's text too).
pub fn field_error_text(lang: crate::i18n::Lang, path: &str, code: &str) -> String {
    let field = path
        .rsplit(['.', '['])
        .find(|part| {
            !part
                .trim_end_matches(']')
                .chars()
                .all(|c| c.is_ascii_digit())
        })
        .unwrap_or(path);
    let label_key = format!("label.{field}");
    let label = lang.t(&label_key);
    if code == "required" && label != label_key {
        return lang.tf("web.journey.required", &[("label", label)]);
    }
    lang.t(&format!("field.{code}")).to_owned()
}

/// Looks up a field's message in a list (for inline errors in templates).
pub fn message_for<'a>(errors: &'a [FieldMessage], id: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|error| error.id == id)
        .map(|error| error.message.as_str())
}
