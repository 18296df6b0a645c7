//! `/programare/reconfirma/{token}` (SPEC §8 "Reconfirmation"): the link of the request.
//! Like the confirmation link, a GET only shows the appointment, its deadline and one
//! button; the POST reconfirms (mail scanners open every link). Once reconfirmed, the same
//! link says so: using it twice is harmless.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use epasapoarte_domain::booking::BookingStatus;

use super::appointment::AppointmentView;
use super::problem;
use crate::i18n::format;
use crate::ids::LinkToken;
use crate::service::ServiceError;
use crate::store::TokenPurpose;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};

#[derive(Template)]
#[template(path = "web/pages/reconfirm.html")]
struct ReconfirmPage {
    chrome: Chrome,
    token: String,
    appointment: AppointmentView,
    /// "… until 22 November 2026, 10:00 (Romania time)", when a request was sent.
    deadline: Option<String>,
    done: bool,
}

pub async fn show(page: Page, Path(token): Path<String>) -> Response {
    let Some(link) = LinkToken::parse(&token) else {
        return problem::not_found(page);
    };
    let service = &page.state.service;
    let view = match service.booking_view(TokenPurpose::Reconfirm, &link).await {
        Ok(view) => view,
        Err(error) => return problem::failed(page, error),
    };
    let state = match service.store.reconfirm_state(&view.id).await {
        Ok(state) => state,
        Err(error) => return problem::failed(page, error),
    };
    let now = service.now();
    match view.status {
        BookingStatus::Confirmed if view.has_started(now) => past(page),
        BookingStatus::Confirmed => {
            let done = state.reconfirmed_at.is_some();
            if !done && state.reconfirm_by.is_none_or(|by| by <= now) {
                return lapsed(page);
            }
            let chrome = page.chrome.clone();
            let lang = chrome.lang;
            let deadline = state.reconfirm_by.map(|by| {
                let tz = view.office.timezone;
                let (day, time) = format::local(by, tz);
                lang.tf(
                    "web.reconfirm.deadline",
                    &[
                        ("date", &format::date(lang, day)),
                        ("time", &format::clock(time)),
                        ("zone", &format::zone_label(lang, tz)),
                    ],
                )
            });
            let appointment = AppointmentView::new(lang, &view);
            page.render(ReconfirmPage {
                chrome,
                token,
                appointment,
                deadline,
                done,
            })
        }
        BookingStatus::Cancelled => lapsed(page),
        _ => past(page),
    }
}

/// The button's POST: reconfirms, then shows the link again (POST → 303 → GET).
pub async fn submit(page: Page, Path(token): Path<String>, _form: Form) -> Response {
    let Some(link) = LinkToken::parse(&token) else {
        return problem::not_found(page);
    };
    match page.state.service.reconfirm_booking(&link).await {
        Ok(_) => page.redirect(&format!("/programare/reconfirma/{token}")),
        Err(ServiceError::Cancelled | ServiceError::Expired) => lapsed(page),
        Err(error) => problem::failed(page, error),
    }
}

/// The deadline passed (or the booking was cancelled otherwise): nothing to reconfirm.
fn lapsed(page: Page) -> Response {
    problem::message(
        page,
        StatusCode::GONE,
        "web.reconfirm.lapsed_title",
        &["web.reconfirm.lapsed_body"],
        Some(("/programare", "web.expired.book_again")),
    )
}

fn past(page: Page) -> Response {
    problem::message(
        page,
        StatusCode::GONE,
        "web.confirm.past_title",
        &["web.confirm.past_body"],
        Some(("/programare", "web.expired.book_again")),
    )
}
