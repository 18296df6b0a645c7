//! `/tragere/confirma/{token}`: the draw entry's e-mailed link. A GET only shows the
//! entry and a button (mail scanners open every link); the button's POST confirms.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;

use super::super::problem;
use crate::i18n::format;
use crate::ids::LinkToken;
use crate::service::ServiceError;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};

#[derive(Template)]
#[template(path = "web/pages/draw_confirm.html")]
struct ConfirmPage {
    chrome: Chrome,
    token: String,
    entry_id: String,
    draw_day: String,
    heading: String,
    lead: String,
    /// `pending` shows the button; anything else says where the entry stands.
    status: String,
}

pub async fn show(page: Page, Path(token): Path<String>) -> Response {
    let Some(link) = LinkToken::parse(&token) else {
        return problem::not_found(page);
    };
    let service = &page.state.service;
    let entry = match service.draw_entry_for_token(&link).await {
        Ok(entry) => entry,
        Err(error) => return problem::failed(page, error),
    };
    let lapsed = entry.status == "lapsed"
        || (entry.status == "pending" && entry.expires_at <= service.now());
    if lapsed {
        return problem::link_expired(page);
    }
    let chrome = page.chrome.clone();
    let draw_day = format::date(chrome.lang, entry.draw_date);
    let lead_key = if entry.status == "pending" {
        "web.draw.confirm_lead"
    } else {
        "web.draw.confirmed_lead"
    };
    let lead = chrome.tf(lead_key, &[("date", &draw_day)]);
    let heading = chrome
        .t(&format!("web.draw.status_{}", entry.status))
        .to_owned();
    page.render(ConfirmPage {
        chrome,
        token,
        entry_id: entry.id,
        draw_day,
        heading,
        lead,
        status: entry.status,
    })
}

/// The button's POST: confirms, then shows the entry again (POST → 303 → GET).
pub async fn submit(page: Page, Path(token): Path<String>, _form: Form) -> Response {
    let Some(link) = LinkToken::parse(&token) else {
        return problem::not_found(page);
    };
    match page.state.service.confirm_draw_entry(&link).await {
        Ok(_) => page.redirect(&format!("/tragere/confirma/{token}")),
        Err(ServiceError::Expired) => problem::link_expired(page),
        Err(error) => problem::failed(page, error),
    }
}
