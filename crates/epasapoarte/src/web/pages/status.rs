//! `/status-pasaport` (J6): where an application is. Two ways to ask, as radios: the
//! application number, or the last 9 digits of the CNP with the date the application was
//! submitted. The form POSTs: CNP digits never go into a URL. A found application shows
//! its status and, when ready, where to collect it; every miss gets the same "not found"
//! answer (as the API does); malformed input gets the error summary.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use super::{MessagePage, problem};
use crate::service::applications::{PublicStatus, StatusQuestion};
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
            // The first way is chosen: nobody has to pick before typing (issue 12).
            method: "number".to_owned(),
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
        Ok(question) => {
            let question = match question {
                question::Question::Number(number) => StatusQuestion::Number(number),
                question::Question::Cnp { last9, submitted } => StatusQuestion::Last9 {
                    digits: last9,
                    submitted_on: submitted,
                },
            };
            match page.state.service.public_status(&question).await {
                Ok(Some(found)) => found_page(page, &found),
                // Every miss reads the same, worded so that it reveals nothing about why.
                Ok(None) => problem::message(
                    page,
                    StatusCode::OK,
                    "web.status.not_found_title",
                    &["web.status.not_found_body", "web.status.not_found_help"],
                    Some(("/status-pasaport", "web.status.again")),
                ),
                Err(error) => problem::failed(page, error),
            }
        }
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
                method: question::method(&form).to_owned(),
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

/// The answer: the status in words, and for a passport that is ready, where it waits.
fn found_page(page: Page, found: &PublicStatus) -> Response {
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let mut paragraphs = vec![lang.t("web.status.result.lead").to_owned()];
    match &found.pickup {
        Some(pickup) => {
            paragraphs.push(lang.tf("web.status.result.ready_at", &[("pickup", pickup)]));
            paragraphs.push(lang.t("web.status.result.ready_hint").to_owned());
        }
        None => paragraphs.push(lang.t(found.status.key()).to_owned()),
    }
    if let Some((kind, on)) = found.invalid {
        // SPEC J8: declared lost, stolen or destroyed — no longer valid.
        paragraphs.push(lang.tf(
            "web.status.result.invalid",
            &[
                ("declared", lang.t(kind.key())),
                ("date", &crate::i18n::format::date(lang, on)),
            ],
        ));
        paragraphs.push(lang.t("web.status.result.invalid_hint").to_owned());
    }
    page.render(MessagePage {
        title: lang.t("web.status.result.title").to_owned(),
        paragraphs,
        link: Some((
            "/status-pasaport".to_owned(),
            lang.t("web.status.again").to_owned(),
        )),
        chrome,
    })
}
