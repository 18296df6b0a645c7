//! `/programare/confirma/{token}/calendar.ics`: "Adaugă în calendar" on the confirmed page —
//! the same event as the confirmation e-mail's attachment (same UID, so adding both keeps
//! one entry). Only a confirmed booking has one: a pending, expired or cancelled booking
//! is not an appointment to keep.

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use epasapoarte_domain::booking::BookingStatus;

use super::problem;
use crate::ids::LinkToken;
use crate::mail::ics;
use crate::store::TokenPurpose;
use crate::web::page::Page;

pub async fn download(page: Page, Path(token): Path<String>) -> Response {
    let Some(link) = LinkToken::parse(&token) else {
        return problem::not_found(page);
    };
    let service = page.state.service.clone();
    let view = match service.booking_view(TokenPurpose::Confirm, &link).await {
        Ok(view) if view.status == BookingStatus::Confirmed => view,
        Ok(_) => return problem::not_found(page),
        Err(error) => return problem::failed(page, error),
    };
    let lang = page.chrome.lang;
    let uid = format!(
        "{}@{}",
        view.id,
        crate::mail::render::host(&service.config.base_url)
    );
    let summary = lang.tf(
        "mail.confirmed.ics_summary",
        &[("office", &view.office.name)],
    );
    let location = format!("{}, {}", view.office.name, view.office.address);
    let description = lang.tf(
        "web.confirmed.ics_description",
        &[("reference", &view.id.reference())],
    );
    let body = ics::calendar(&ics::Event {
        uid: &uid,
        stamp: service.now(),
        start: view.starts_at,
        end: view.ends_at,
        summary: &summary,
        location: &location,
        description: &description,
    });
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"programare.ics\""),
    );
    response
}
