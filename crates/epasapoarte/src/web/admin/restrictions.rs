//! `/admin/restrictii` (admin) — the restrictions registry (SPEC §3): CNPs whose right to
//! travel abroad is suspended, with the legal basis and the last day in force. The list
//! shows only each CNP's last 4 digits; adding (POST `/admin/restrictii`) and lifting
//! (POST `/admin/restrictii/ridicare`, the id in the form) are audit-logged, the CNP by
//! its tail.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;

use super::frame::StaffBar;
use super::guard::Staff;
use crate::i18n::Lang;
use crate::service::applications::{RestrictionRequest, RestrictionView};
use crate::service::{FieldErrors, ServiceError};
use crate::staff::Actor;
use crate::staff::audit::cnp_tail;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};
use crate::web::pages::problem;
use crate::web::{FieldMessage, message_for};

const LIST: &str = "/admin/restrictii";

#[derive(Template)]
#[template(path = "web/admin/restrictions.html")]
struct RestrictionsPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    errors: Vec<FieldMessage>,
    /// (cnp, legal basis, starts on, ends on) as typed.
    typed: (String, String, String, String),
    rows: Vec<Line>,
    /// "adaugata" / "ridicata" after a change, for the confirmation line.
    done: Option<&'static str>,
}

impl RestrictionsPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

struct Line {
    id: i64,
    cnp: String,
    legal_basis: String,
    period: String,
    state: &'static str,
    /// Whether it can still be lifted (not lifted, not over).
    liftable: bool,
}

pub async fn list(page: Page, staff: Staff, RawQuery(query): RawQuery) -> Response {
    let done = match query.as_deref() {
        Some(q) if q.contains("adaugata=1") => Some("admin.restrictions.added"),
        Some(q) if q.contains("ridicata=1") => Some("admin.restrictions.lifted_done"),
        _ => None,
    };
    render(page, &staff, Vec::new(), Default::default(), done).await
}

pub async fn add(page: Page, staff: Staff, form: Form) -> Response {
    let request = RestrictionRequest {
        cnp: form.get("cnp").to_owned(),
        legal_basis: form.get("legal_basis").to_owned(),
        starts_on: form.get("starts_on").to_owned(),
        ends_on: form.get("ends_on").to_owned(),
    };
    match page
        .state
        .service
        .add_restriction(&request, &Actor::staff(&staff))
        .await
    {
        // Added together with its audit line (the service writes it).
        Ok(_) => page.redirect(&format!("{LIST}?adaugata=1")),
        Err(ServiceError::Validation(errors)) => {
            let lang = page.chrome.lang;
            let typed = (
                request.cnp,
                request.legal_basis,
                request.starts_on,
                request.ends_on,
            );
            render(page, &staff, messages(lang, &errors), typed, None).await
        }
        Err(error) => problem::failed(page, error),
    }
}

pub async fn lift(page: Page, staff: Staff, form: Form) -> Response {
    // No id (an empty form): nothing to lift, back to the list.
    let Ok(id) = form.get("id").parse::<i64>() else {
        return page.redirect(LIST);
    };
    match page
        .state
        .service
        .lift_restriction(id, &Actor::staff(&staff))
        .await
    {
        Ok(()) => page.redirect(&format!("{LIST}?ridicata=1")),
        Err(ServiceError::NotFound) => problem::not_found(page),
        Err(error) => problem::failed(page, error),
    }
}

fn messages(lang: Lang, errors: &FieldErrors) -> Vec<FieldMessage> {
    errors
        .0
        .iter()
        .map(|(field, error)| FieldMessage {
            id: field.clone(),
            message: crate::web::field_error_text(lang, field, error.code),
        })
        .collect()
}

async fn render(
    page: Page,
    staff: &Staff,
    errors: Vec<FieldMessage>,
    typed: (String, String, String, String),
    done: Option<&'static str>,
) -> Response {
    let registry = match page.state.service.restrictions().await {
        Ok(registry) => registry,
        Err(error) => return problem::failed(page, error),
    };
    let today = page.state.service.today_in_romania();
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let rows = registry.iter().map(|r| line(lang, r, today)).collect();
    let bar = StaffBar::of(&page.state, lang, staff).await;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page.render_status(
        status,
        RestrictionsPage {
            chrome,
            staff: Some(bar),
            errors,
            typed,
            rows,
            done,
        },
    )
}

fn line(lang: Lang, r: &RestrictionView, today: chrono::NaiveDate) -> Line {
    let (state, liftable) = if r.lifted_at.is_some() {
        ("admin.restrictions.state_lifted", false)
    } else if r.in_force {
        ("admin.restrictions.state_in_force", true)
    } else if r.ends_on < today {
        ("admin.restrictions.state_ended", false)
    } else {
        ("admin.restrictions.state_upcoming", true)
    };
    Line {
        id: r.id,
        cnp: cnp_tail(&r.cnp),
        legal_basis: r.legal_basis.clone(),
        period: format!(
            "{} – {}",
            r.starts_on.format("%d.%m.%Y"),
            r.ends_on.format("%d.%m.%Y")
        ),
        state: lang.t(state),
        liftable,
    }
}
