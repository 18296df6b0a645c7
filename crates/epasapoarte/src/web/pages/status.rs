//! `/status-pasaport` (J6): where an application is. Two ways to ask, as radios: the
//! application number, or the last 9 digits of the CNP with the date the application was
//! submitted. The form POSTs: CNP digits never go into a URL. The back office that
//! registers applications does not exist yet, so every well-formed question gets the same
//! "not found" answer (as the API does); malformed input gets the error summary.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use super::problem;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};
use crate::web::{FieldMessage, message_for};

mod question;

#[derive(Template)]
#[template(path = "web/pages/status.html")]
struct StatusPage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    /// The values to show again after an error (the form's names).
    method: String,
    number: String,
    cnp_last9: String,
    day: String,
    month: String,
    year: String,
}

impl StatusPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }

    fn empty(chrome: Chrome) -> StatusPage {
        StatusPage {
            chrome,
            errors: Vec::new(),
            method: String::new(),
            number: String::new(),
            cnp_last9: String::new(),
            day: String::new(),
            month: String::new(),
            year: String::new(),
        }
    }
}

pub async fn show(page: Page) -> Response {
    let chrome = page.chrome.clone();
    page.render(StatusPage::empty(chrome))
}

pub async fn submit(page: Page, form: Form) -> Response {
    let today = page.state.service.today_in_romania();
    match question::parse(&form, today) {
        // Nothing to look in yet: every well-formed question is "not found", worded so
        // that it reveals nothing about why.
        Ok(_) => problem::message(
            page,
            StatusCode::OK,
            "web.status.not_found_title",
            &["web.status.not_found_body", "web.status.not_found_help"],
            Some(("/status-pasaport", "web.status.again")),
        ),
        Err(problems) => {
            let chrome = page.chrome.clone();
            let errors = problems
                .into_iter()
                .map(|(id, key)| FieldMessage {
                    id: id.to_owned(),
                    message: chrome.t(key).to_owned(),
                })
                .collect();
            let status_page = StatusPage {
                errors,
                method: form.get("method").to_owned(),
                number: form.get("number").to_owned(),
                cnp_last9: form.get("cnp_last9").to_owned(),
                day: form.get("submitted_day").to_owned(),
                month: form.get("submitted_month").to_owned(),
                year: form.get("submitted_year").to_owned(),
                ..StatusPage::empty(chrome)
            };
            page.render_status(StatusCode::UNPROCESSABLE_ENTITY, status_page)
        }
    }
}
