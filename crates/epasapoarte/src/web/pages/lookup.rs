//! `/verifica-programare` (J5): the citizen gives an e-mail address and we e-mail the
//! active appointments made with it. The answer page is the same whether or not the
//! address is known, and the work runs in the background (as the API does) so that not
//! even the answer's timing tells. Only a malformed address gets a different answer.

use askama::Template;
use axum::response::Response;

use super::problem;
use crate::http::challenge::ClientIp;
use crate::pow::{FormKind, PowError};
use crate::service::{BookingService, ServiceError};
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};
use crate::web::pow::{self, PowField};
use crate::web::{FieldMessage, message_for};

#[derive(Template)]
#[template(path = "web/pages/lookup.html")]
struct LookupPage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    email: String,
    /// The proof of work (`web/pow.rs`); `None` when it is off.
    pow: Option<PowField>,
}

impl LookupPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

pub async fn show(page: Page) -> Response {
    let chrome = page.chrome.clone();
    let pow = PowField::new(&page.state, FormKind::Lookup, chrome.lang);
    page.render(LookupPage {
        chrome,
        errors: Vec::new(),
        email: String::new(),
        pow,
    })
}

pub async fn submit(page: Page, ClientIp(ip): ClientIp, form: Form) -> Response {
    let email = match BookingService::parse_lookup_email(form.get("email")) {
        Ok(email) => email,
        Err(ServiceError::Validation(errors)) => {
            let chrome = page.chrome.clone();
            let pow = PowField::new(&page.state, FormKind::Lookup, chrome.lang);
            let errors = errors
                .0
                .values()
                .map(|error| FieldMessage {
                    id: "email".to_owned(),
                    message: crate::web::field_error_text(chrome.lang, "email", error.code),
                })
                .collect();
            return page.render_status(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                LookupPage {
                    pow,
                    chrome,
                    errors,
                    email: form.get("email").to_owned(),
                },
            );
        }
        Err(error) => return problem::failed(page, error),
    };
    let state = page.state.clone();
    match state
        .pow
        .accept(&pow::solution(&form), FormKind::Lookup, ip)
        .await
    {
        Ok(()) => {}
        Err(PowError::Refused(refusal)) => {
            let chrome = page.chrome.clone();
            let message = pow::refusal_message(chrome.lang, refusal);
            let pow = PowField::again(&state, FormKind::Lookup, chrome.lang, &form, refusal);
            return page.render_status(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                LookupPage {
                    pow,
                    chrome,
                    errors: vec![FieldMessage {
                        id: "altcha".to_owned(),
                        message,
                    }],
                    email: form.get("email").to_owned(),
                },
            );
        }
        Err(PowError::Store(error)) => return problem::failed(page, error),
    }
    // Past the per-address limit nothing is sent, and the answer is the same (no mail
    // bombing, no oracle).
    if state.limits.allow_lookup(&state.service.crypto, &email) {
        let service = state.service.clone();
        let lang = page.chrome.lang;
        tokio::spawn(async move {
            if let Err(error) = service.send_lookup(&email, lang).await {
                error.log_if_internal();
            }
        });
    }
    page.redirect("/verifica-programare/trimis")
}

/// The one answer, whatever the address.
pub async fn sent(page: Page) -> Response {
    problem::message(
        page,
        axum::http::StatusCode::OK,
        "web.lookup.sent_title",
        &["web.lookup.sent_body", "web.lookup.sent_spam"],
        Some(("/", "web.home.link")),
    )
}
