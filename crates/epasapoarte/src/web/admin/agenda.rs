//! `/admin/birouri/{office}/agenda` — the counter's day (SPEC §3 "Agenda"), for the
//! office's clerks and manager and for admins: the day's bookings by time, check-in,
//! no-show, completion, cancellation with a reason, the CNPs of one booking on request,
//! and links to register each booked person's application (helper C's page).
//!
//! Booking ids and dates travel in the query string or in form fields; CNPs never leave
//! the server except in the page a clerk asked for by POST (`agenda/cnp`, audited).

use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use super::guard::Staff;
use crate::ids::{BookingId, OfficeId};
use crate::service::{ServiceError, ServiceResult};
use crate::staff::{Actor, AuditEvent, StaffService};
use crate::store::{BookingRecord, OfficeRecord};
use crate::web::FieldMessage;
use crate::web::form::Form;
use crate::web::page::Page;
use crate::web::pages::{problem, query};

mod actions;
mod day;
mod filter;
mod reveal;
mod rules;
mod undo;
mod view;

pub use actions::{cancel, check_in, complete, no_show};
use filter::Filter;
pub use reveal::reveal;
pub use undo::undo_no_show;
use view::Extras;

/// The confirmations after a finished action, by the `rezultat` the redirect carries.
const DONE: [(&str, &str); 5] = [
    ("prezenta", "admin.agenda.done_check_in"),
    ("absent", "admin.agenda.done_no_show"),
    ("absent-anulat", "admin.agenda.done_undo_no_show"),
    ("finalizata", "admin.agenda.done_complete"),
    ("anulata", "admin.agenda.done_cancel"),
];

pub async fn show(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    RawQuery(raw): RawQuery,
) -> Response {
    let office = match office_of(&page, office).await {
        Ok(office) => office,
        Err(error) => return problem::failed(page, error),
    };
    let lang = page.chrome.lang;
    let notice = query::param(raw.as_deref(), "rezultat")
        .and_then(|done| DONE.iter().find(|(name, _)| *name == done))
        .map(|(_, key)| lang.t(key).to_owned());
    // Status and times may ride in the query (links keep them); a search never does.
    let param = |name| query::param(raw.as_deref(), name).unwrap_or_default();
    let extras = Extras {
        notice,
        ..filtered(
            &page,
            Filter {
                search: String::new(),
                status: filter::status_group(&param("stare")),
                from: param("de_la"),
                to: param("pana_la"),
            },
        )
    };
    match query::param(raw.as_deref(), "data").filter(|typed| !typed.is_empty()) {
        None => {
            let today = day::today(office.timezone, page.state.service.now());
            view::render(page, &staff, &office, Some(today), extras).await
        }
        Some(typed) => match day::parse(&typed) {
            Some(date) => view::render(page, &staff, &office, Some(date), extras).await,
            None => {
                let extras = Extras {
                    status: StatusCode::UNPROCESSABLE_ENTITY,
                    errors: vec![FieldMessage {
                        id: "data".to_owned(),
                        message: lang.t("admin.agenda.error_date").to_owned(),
                    }],
                    typed_date: Some(typed),
                    ..extras
                };
                view::render(page, &staff, &office, None, extras).await
            }
        },
    }
}

/// `agenda/cauta`: the day narrowed by a search (reference, name or CNP), a status and
/// times. A POST because the search may be a name or a CNP; a search that is a CNP is
/// audited, by its tail, like the applications' CNP search.
pub async fn search(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    form: Form,
) -> Response {
    let office = match office_of(&page, office).await {
        Ok(office) => office,
        Err(error) => return problem::failed(page, error),
    };
    let service = &page.state.service;
    let date =
        day::parse(form.get("data")).unwrap_or_else(|| day::today(office.timezone, service.now()));
    let wanted = Filter {
        search: form.get("cauta").trim().to_owned(),
        status: filter::status_group(form.get("stare")),
        from: form.get("de_la").trim().to_owned(),
        to: form.get("pana_la").trim().to_owned(),
    };
    if let filter::Search::Cnp(cnp) = wanted.search(service.today_in_romania()) {
        let event = AuditEvent::new(Actor::staff(&staff), "booking.cnp_searched")
            .office(Some(office.id))
            .target(format!("agenda:{date}"))
            .after(json!({"cnp": crate::staff::audit::cnp_tail(&cnp)}));
        StaffService::of(service).audit_or_log(event).await;
    }
    let extras = filtered(&page, wanted);
    view::render(page, &staff, &office, Some(date), extras).await
}

/// The page's extras for `filter`: a 422 naming a time that is not `HH:MM`.
fn filtered(page: &Page, filter: Filter) -> Extras {
    match filter.invalid_field() {
        Some(field) => Extras {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            errors: vec![FieldMessage {
                id: field.to_owned(),
                message: page.chrome.lang.t("admin.agenda.error_time").to_owned(),
            }],
            filter,
            ..Extras::default()
        },
        None => Extras {
            filter,
            ..Extras::default()
        },
    }
}

async fn office_of(page: &Page, id: OfficeId) -> ServiceResult<OfficeRecord> {
    page.state
        .service
        .directory
        .office(id)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// The booking a form names (`programare`), if it belongs to the office in the path.
/// No id: 422 on the agenda of the form's day. An unknown id, or another office's
/// booking: 404, written to the audit log like the gate's refusals.
async fn posted_booking(
    page: Page,
    staff: &Staff,
    office: &OfficeRecord,
    route: &str,
    form: &Form,
) -> Result<(Page, BookingRecord), Response> {
    let id = form.get("programare");
    if id.is_empty() {
        let lang = page.chrome.lang;
        let date = day::parse(form.get("data"))
            .unwrap_or_else(|| day::today(office.timezone, page.state.service.now()));
        let extras = Extras {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            errors: vec![FieldMessage {
                id: "agenda".to_owned(),
                message: lang.t("admin.agenda.error_booking").to_owned(),
            }],
            ..Extras::default()
        };
        return Err(view::render(page, staff, office, Some(date), extras).await);
    }
    let found = match BookingId::parse(id) {
        Some(id) => page.state.service.staff_booking(&id).await,
        None => Ok(None),
    };
    match found {
        Ok(Some(record)) if record.office_id == office.id => Ok((page, record)),
        Ok(_) => {
            let event = AuditEvent::new(Actor::staff(staff), "access.denied")
                .office(Some(office.id))
                .target(format!("POST {route}"))
                .after(json!({"status": 404, "booking": booking_ref(id)}));
            StaffService::of(&page.state.service)
                .audit_or_log(event)
                .await;
            Err(problem::not_found(page))
        }
        Err(error) => Err(problem::failed(page, error)),
    }
}

/// A posted id as the audit log may keep it: booking ids are 32 hex digits; anything else
/// (a mistyped CNP, say) is not copied into the log.
fn booking_ref(id: &str) -> Option<&str> {
    crate::service::input::is_booking_id(id).then_some(id)
}
