//! The counter's moves from the agenda: check-in (`agenda/prezenta`), no-show
//! (`agenda/absent`), completion (`agenda/finalizare`) and cancellation with a reason
//! (`agenda/anulare`, which e-mails the citizen). Each is a form with the booking id; a
//! done move is audited (before/after status) and answered with a 303 back to the day;
//! a move the lifecycle no longer allows (a race lost, a double click) or one that comes
//! too early is a 409 page that says why, and audited as refused.

use axum::extract::{MatchedPath, Path};
use axum::http::StatusCode;
use axum::response::Response;
use epasapoarte_domain::booking::{BookingEvent, CancelReason};
use serde_json::json;

use super::view::{self, Extras};
use super::{office_of, posted_booking, rules};
use crate::ids::{BookingId, OfficeId};
use crate::service::{ServiceError, StaffCancellation, StaffMoveOutcome};
use crate::staff::{Actor, AuditEvent, StaffService};
use crate::web::FieldMessage;
use crate::web::admin::guard::Staff;
use crate::web::form::Form;
use crate::web::page::Page;
use crate::web::pages::problem;

pub async fn check_in(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    route: MatchedPath,
    form: Form,
) -> Response {
    act(page, staff, office, route, form, BookingEvent::CheckIn).await
}

pub async fn no_show(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    route: MatchedPath,
    form: Form,
) -> Response {
    act(page, staff, office, route, form, BookingEvent::MarkNoShow).await
}

pub async fn complete(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    route: MatchedPath,
    form: Form,
) -> Response {
    act(page, staff, office, route, form, BookingEvent::Complete).await
}

pub async fn cancel(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    route: MatchedPath,
    form: Form,
) -> Response {
    act(page, staff, office, route, form, BookingEvent::Cancel).await
}

/// The audit action and the redirect's `rezultat` of each counter move.
fn names(event: BookingEvent) -> (&'static str, &'static str) {
    match event {
        BookingEvent::CheckIn => ("booking.checked_in", "prezenta"),
        BookingEvent::MarkNoShow => ("booking.no_show", "absent"),
        BookingEvent::Complete => ("booking.completed", "finalizata"),
        _ => ("booking.cancelled", "anulata"),
    }
}

async fn act(
    page: Page,
    staff: Staff,
    office: OfficeId,
    route: MatchedPath,
    form: Form,
    event: BookingEvent,
) -> Response {
    let office = match office_of(&page, office).await {
        Ok(office) => office,
        Err(error) => return problem::failed(page, error),
    };
    let (page, record) = match posted_booking(page, &staff, &office, route.as_str(), &form).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let lang = page.chrome.lang;
    let cancellation = match cancellation(event, &form) {
        Ok(cancellation) => cancellation,
        Err(()) => {
            let error = FieldMessage {
                id: format!("motiv-{}", record.id),
                message: lang.t("admin.agenda.error_reason").to_owned(),
            };
            let extras = unprocessable(vec![error]);
            return view::render(page, &staff, &office, Some(record.date), extras).await;
        }
    };
    if event == BookingEvent::MarkNoShow
        && form.get(rules::NO_SHOW_CONFIRMED.0) != rules::NO_SHOW_CONFIRMED.1
    {
        // A no-show blocks the persons' CNPs for weeks: it takes the agenda's second,
        // confirming click.
        let error = FieldMessage {
            id: format!("absent-{}", record.id),
            message: lang.t("admin.agenda.error_no_show_confirm").to_owned(),
        };
        let extras = unprocessable(vec![error]);
        return view::render(page, &staff, &office, Some(record.date), extras).await;
    }
    let service = &page.state.service;
    if let Some(early) = rules::too_early(event, &record, office.timezone, service.now()) {
        let conflict = lang.t(early.key()).to_owned();
        return conflict_page(page, &staff, &office, &record, conflict).await;
    }
    let line = done_line(&staff, office.id, &record.id, event, cancellation.as_ref());
    match service
        .move_booking_by_staff(&record.id, event, cancellation, line)
        .await
    {
        Ok(StaffMoveOutcome::Moved { .. }) => page.redirect(&format!(
            "/admin/birouri/{}/agenda?data={}&rezultat={}",
            office.id,
            record.date,
            names(event).1
        )),
        Ok(StaffMoveOutcome::NotAllowed { status }) => {
            let refusal = AuditEvent::new(Actor::staff(&staff), "booking.move_refused")
                .office(Some(office.id))
                .target(format!("booking:{}", record.id))
                .before(json!({"status": status.as_str()}))
                .after(json!({"refused": event.as_str()}));
            // A refusal changes nothing: its line is written on its own.
            StaffService::of(service).audit_or_log(refusal).await;
            let conflict = lang.tf("admin.agenda.conflict", &[("status", lang.t(status.key()))]);
            conflict_page(page, &staff, &office, &record, conflict).await
        }
        Err(ServiceError::Validation(errors)) => {
            let messages = errors
                .0
                .iter()
                .map(|(field, error)| FieldMessage {
                    id: format!("{field}-{}", record.id),
                    message: lang.t(&format!("field.{}", error.code)).to_owned(),
                })
                .collect();
            let extras = unprocessable(messages);
            view::render(page, &staff, &office, Some(record.date), extras).await
        }
        Err(error) => problem::failed(page, error),
    }
}

/// The cancellation a cancel form asks for (`Err` when its reason is missing or
/// unknown); `None` for the other moves.
fn cancellation(event: BookingEvent, form: &Form) -> Result<Option<StaffCancellation>, ()> {
    if event != BookingEvent::Cancel {
        return Ok(None);
    }
    let reason = rules::reason(form.get("motiv")).ok_or(())?;
    Ok(Some(
        StaffCancellation::new(reason).explained(form.get("explicatie")),
    ))
}

/// The audit line of a done move; the service adds the statuses and writes it in the
/// move's own transaction.
fn done_line(
    staff: &Staff,
    office_id: OfficeId,
    booking_id: &BookingId,
    event: BookingEvent,
    cancellation: Option<&StaffCancellation>,
) -> AuditEvent {
    let reason = cancellation.map(|c| c.reason);
    let explained = cancellation.is_some_and(|c| c.explanation.is_some());
    AuditEvent::new(Actor::staff(staff), names(event).0)
        .office(Some(office_id))
        .target(format!("booking:{booking_id}"))
        // The explanation itself goes to the citizen only: free text may hold personal
        // data, which the audit log does not keep.
        .after(json!({
            "reason": reason.map(CancelReason::as_str),
            "explained": explained,
        }))
}

/// A 422 agenda with these messages beside their fields.
fn unprocessable(errors: Vec<FieldMessage>) -> Extras {
    Extras {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        errors,
        ..Extras::default()
    }
}

/// 409: the agenda of the booking's day, with the reason the move was not made.
pub(super) async fn conflict_page(
    page: Page,
    staff: &Staff,
    office: &crate::store::OfficeRecord,
    record: &crate::store::BookingRecord,
    conflict: String,
) -> Response {
    let extras = Extras {
        status: StatusCode::CONFLICT,
        conflict: Some(conflict),
        ..Extras::default()
    };
    view::render(page, staff, office, Some(record.date), extras).await
}
