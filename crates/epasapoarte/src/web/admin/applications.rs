//! The counter's application pages (SPEC §3): register an application for a booked
//! person or a walk-in (`new`), find applications by number or CNP (`search`), and open
//! one with its history and the status form (`detail`). The rules live in
//! `service::applications`; these handlers read forms, write the audit entries and render.
//!
//! Who sees what: an office's staff see the applications submitted at their office or
//! to be collected there (the pickup office hands the passport over); anything else is
//! "not found", like another office's pages. An admin sees every application.

use serde_json::Value;

use super::guard::Staff;
use crate::i18n::Lang;
use crate::ids::OfficeId;
use crate::service::FieldErrors;
use crate::service::applications::ApplicationView;
use crate::staff::{Actor, AuditEvent, Role, StaffService};
use crate::state::AppState;
use crate::web::FieldMessage;

pub mod detail;
mod fees;
pub mod new;
pub mod search;
mod summary;
mod values;

/// Whether `staff`, working on `office`'s pages, may see `view`.
fn visible(staff: &Staff, office: OfficeId, view: &ApplicationView) -> bool {
    staff.role == Role::Admin || view.concerns_office(office)
}

fn search_href(office: OfficeId) -> String {
    format!("/admin/birouri/{office}/cereri")
}

fn detail_href(office: OfficeId, number: &str) -> String {
    format!("/admin/birouri/{office}/cerere?numar={number}")
}

/// The service's field errors as page messages. Form ids use `_` where the service
/// nests with `.` (`courier_address.street` → `courier_street`).
fn messages(lang: Lang, errors: &FieldErrors) -> Vec<FieldMessage> {
    errors
        .0
        .iter()
        .map(|(field, error)| FieldMessage {
            id: html_id(field),
            message: crate::web::field_error_text(lang, field, error.code),
        })
        .collect()
}

fn html_id(field: &str) -> String {
    field.replace("courier_address.", "courier_")
}

/// One value of a query string, decoded.
fn query_value(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

async fn audit(
    state: &AppState,
    staff: &Staff,
    action: &'static str,
    office: OfficeId,
    target: String,
    after: Value,
) {
    let event = AuditEvent::new(Actor::staff(staff), action)
        .office(Some(office))
        .target(target)
        .after(after);
    StaffService::of(&state.service).audit_or_log(event).await;
}
