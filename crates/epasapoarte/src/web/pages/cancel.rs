//! `/programare/anuleaza/{token}` (J4): the cancel link of the e-mails. The GET shows the
//! appointment and asks "Sigur doriți să anulați programarea?"; only the POST of "Da,
//! anulează programarea" cancels (mail scanners follow links: a GET never changes
//! anything). A cancelled booking shows the cancellation whenever the link is opened again.

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
#[template(path = "web/pages/cancel.html")]
struct AskPage {
    chrome: Chrome,
    token: String,
    appointment: AppointmentView,
}

#[derive(Template)]
#[template(path = "web/pages/cancelled.html")]
struct CancelledPage {
    chrome: Chrome,
    appointment: AppointmentView,
}

pub async fn show(page: Page, Path(token): Path<String>) -> Response {
    let Some(link) = LinkToken::parse(&token) else {
        return problem::not_found(page);
    };
    let service = &page.state.service;
    let view = match service.booking_view(TokenPurpose::Cancel, &link).await {
        Ok(view) => view,
        Err(error) => return problem::failed(page, error),
    };
    let now = service.now();
    let chrome = page.chrome.clone();
    let appointment = AppointmentView::new(chrome.lang, &view);
    match view.status {
        BookingStatus::Cancelled => page.render(CancelledPage {
            chrome,
            appointment,
        }),
        _ if view.confirm_link_expired(now) => gone(page, "web.cancel.expired_body"),
        BookingStatus::Pending | BookingStatus::Confirmed if !view.has_started(now) => {
            page.render(AskPage {
                chrome,
                token,
                appointment,
            })
        }
        // The appointment's time has come, or it has taken place.
        _ => gone(page, "web.cancel.past_body"),
    }
}

/// "Da, anulează programarea": cancels, then shows the link again (POST → 303 → GET),
/// which now says the appointment is cancelled. Cancelling twice is harmless.
pub async fn submit(page: Page, Path(token): Path<String>, _form: Form) -> Response {
    let Some(link) = LinkToken::parse(&token) else {
        return problem::not_found(page);
    };
    match page.state.service.cancel_booking(&link).await {
        // Expired or past: the GET explains which, in words.
        Ok(_) | Err(ServiceError::Expired) => {
            page.redirect(&format!("/programare/anuleaza/{token}"))
        }
        Err(error) => problem::failed(page, error),
    }
}

fn gone(page: Page, body: &str) -> Response {
    problem::message(
        page,
        StatusCode::GONE,
        "web.cancel.gone_title",
        &[body],
        Some(("/programare", "web.expired.book_again")),
    )
}
