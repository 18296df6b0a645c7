//! `/programare/confirma/{token}` (J3): the link of the confirmation e-mail.
//!
//! Opening the link (GET) only SHOWS the appointment and a "Confirmă programarea" button;
//! the button POSTs, and only the POST confirms. A GET must never change state: mail
//! scanners, link previews and antivirus gateways open every link in an e-mail, so a
//! confirming GET would confirm bookings nobody looked at (and defeat the 30-minute
//! expiry that returns unwanted seats to the pool). Once confirmed, the same link shows
//! the "Programare confirmată" panel: using it twice is harmless.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use epasapoarte_domain::booking::BookingStatus;

use super::appointment::AppointmentView;
use super::problem;
use crate::ids::LinkToken;
use crate::service::ServiceError;
use crate::store::TokenPurpose;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};

#[derive(Template)]
#[template(path = "web/pages/confirm.html")]
struct AskPage {
    chrome: Chrome,
    token: String,
    appointment: AppointmentView,
}

#[derive(Template)]
#[template(path = "web/pages/confirmed.html")]
struct ConfirmedPage {
    chrome: Chrome,
    token: String,
    appointment: AppointmentView,
}

pub async fn show(page: Page, Path(token): Path<String>) -> Response {
    let Some(link) = LinkToken::parse(&token) else {
        return problem::not_found(page);
    };
    let service = &page.state.service;
    let view = match service.booking_view(TokenPurpose::Confirm, &link).await {
        Ok(view) => view,
        Err(error) => return problem::failed(page, error),
    };
    if view.confirm_link_expired(service.now()) {
        return problem::link_expired(page);
    }
    let chrome = page.chrome.clone();
    let appointment = AppointmentView::new(chrome.lang, &view);
    let started = view.has_started(service.now());
    match view.status {
        BookingStatus::Pending => page.render(AskPage {
            chrome,
            token,
            appointment,
        }),
        BookingStatus::Confirmed if !started => page.render(ConfirmedPage {
            chrome,
            token,
            appointment,
        }),
        BookingStatus::Cancelled => cancelled(page),
        // Checked in, completed, missed, or simply past: what to bring no longer matters.
        _ => problem::message(
            page,
            StatusCode::GONE,
            "web.confirm.past_title",
            &["web.confirm.past_body"],
            Some(("/programare", "web.expired.book_again")),
        ),
    }
}

/// The button's POST: confirms, then shows the confirmed link (POST → 303 → GET).
pub async fn submit(page: Page, Path(token): Path<String>, _form: Form) -> Response {
    let Some(link) = LinkToken::parse(&token) else {
        return problem::not_found(page);
    };
    match page.state.service.confirm_booking(&link).await {
        // The token is known to be well-formed here (parsed above).
        Ok(_) => page.redirect(&format!("/programare/confirma/{token}")),
        Err(ServiceError::Cancelled) => cancelled(page),
        Err(error) => problem::failed(page, error),
    }
}

fn cancelled(page: Page) -> Response {
    problem::message(
        page,
        StatusCode::CONFLICT,
        "web.confirm.cancelled_title",
        &["web.confirm.cancelled_body"],
        Some(("/programare", "web.expired.book_again")),
    )
}
