//! `/admin/birouri/{office}/replanificare`: the bookings a change of hours, exceptions
//! or horizon no longer fits — their slot is gone or has fewer seats than it holds. For
//! each, the manager keeps it (it stays, its slot holding exactly its seats, none offered
//! beyond the schedule) or cancels it with a staff reason (the citizen is e-mailed). A
//! decided booking leaves the list; nothing is ever dropped silently.

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;
use epasapoarte_domain::booking::CancelReason;
use serde_json::json;

use super::{event, message, office_or_answer};
use crate::i18n::Lang;
use crate::i18n::format;
use crate::ids::{BookingId, OfficeId};
use crate::service::StaffMoveOutcome;
use crate::store::ReplanConflict;
use crate::web::FieldMessage;
use crate::web::admin::frame::StaffBar;
use crate::web::admin::guard::Staff;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};
use crate::web::pages::problem;

#[derive(Template)]
#[template(path = "web/admin/setup/replan.html")]
struct ReplanPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    office_id: OfficeId,
    name: String,
    notice: Option<&'static str>,
    errors: Vec<FieldMessage>,
    rows: Vec<ConflictRow>,
    /// (value, label) of the staff reasons, the schedule change first.
    reasons: Vec<(&'static str, &'static str)>,
}

struct ConflictRow {
    booking_id: BookingId,
    when: String,
    persons: u16,
    status: String,
    seats: String,
}

/// Where a manager lands after a saved change: the re-planning page if bookings now wait
/// for a decision, else back on `page_path` with "saved".
pub async fn after_change(page: Page, office: OfficeId, page_path: &str) -> Response {
    match page.state.service.replan_conflicts(office).await {
        Ok(conflicts) if !conflicts.is_empty() => {
            page.redirect(&format!("/admin/birouri/{office}/replanificare?salvat=1"))
        }
        Ok(_) => page.redirect(&format!("{page_path}?salvat=1")),
        Err(error) => problem::failed(page, error),
    }
}

pub async fn show(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    RawQuery(query): RawQuery,
) -> Response {
    let query = query.unwrap_or_default();
    let notice = if query.contains("salvat") {
        Some("admin.setup.replan_saved")
    } else if query.contains("decis") {
        Some("admin.setup.replan_decided")
    } else {
        None
    };
    render(page, &staff, office, notice, Vec::new()).await
}

pub async fn submit(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    form: Form,
) -> Response {
    let lang = page.chrome.lang;
    let booking = form.get("booking");
    let decision = form.get("decision");
    let reason = form.get("reason").parse::<CancelReason>().ok();
    // Each row has its own small form, so a problem points at the list as a whole.
    let problem = match decision {
        "keep" | "cancel" if booking.is_empty() => Some("booking_missing"),
        "keep" => None,
        // "Other" needs an explanation in words, which this page does not ask for.
        "cancel"
            if reason
                .is_some_and(|r| CancelReason::STAFF.contains(&r) && !r.needs_explanation()) =>
        {
            None
        }
        "cancel" => Some("reason_invalid"),
        _ => Some("decision_missing"),
    };
    if let Some(code) = problem {
        let error = FieldMessage {
            id: "conflicts".to_owned(),
            message: message(lang, "", code),
        };
        return render(page, &staff, office, None, vec![error]).await;
    }
    // A text that cannot be a booking id is no conflict of this office either.
    let Some(booking) = BookingId::parse(booking) else {
        return problem::not_found(page);
    };
    let service = &page.state.service;
    // Each decision and its audit line commit together (the service writes the line).
    let line = |action| event(&staff, action, office).target(format!("booking:{booking}"));
    if decision == "keep" {
        let entry = line("replan.kept")
            .before(json!({"conflict": true}))
            .after(json!({"kept": true}));
        match service
            .keep_conflicting_booking(office, &booking, entry)
            .await
        {
            Ok(true) => {}
            Ok(false) => return problem::not_found(page),
            Err(error) => return problem::failed(page, error),
        }
    } else {
        let reason = reason.unwrap_or(CancelReason::ScheduleChange);
        // The service records the statuses (before/after) beside the reason.
        let entry = line("replan.cancelled").after(json!({"reason": reason.as_str()}));
        match service
            .cancel_conflicting_booking(office, &booking, reason, entry)
            .await
        {
            Ok(Some(StaffMoveOutcome::Moved { .. })) => {}
            // A citizen cancelled or the booking expired meanwhile: nothing to decide.
            Ok(Some(StaffMoveOutcome::NotAllowed { .. })) => {
                return page.redirect(&format!("/admin/birouri/{office}/replanificare?decis=1"));
            }
            Ok(None) => return problem::not_found(page),
            Err(error) => return problem::failed(page, error),
        }
    }
    page.redirect(&format!("/admin/birouri/{office}/replanificare?decis=1"))
}

async fn render(
    page: Page,
    staff: &Staff,
    office: OfficeId,
    notice: Option<&'static str>,
    errors: Vec<FieldMessage>,
) -> Response {
    let (page, office) = match office_or_answer(page, office).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let conflicts = match page.state.service.replan_conflicts(office.id).await {
        Ok(conflicts) => conflicts,
        Err(error) => return problem::failed(page, error),
    };
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let bar = StaffBar::of(&page.state, lang, staff).await;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut reasons: Vec<CancelReason> = CancelReason::STAFF
        .into_iter()
        .filter(|r| !r.needs_explanation())
        .collect();
    reasons.sort_by_key(|r| *r != CancelReason::ScheduleChange);
    page.render_status(
        status,
        ReplanPage {
            office_id: office.id,
            name: office.name.clone(),
            notice,
            errors,
            rows: conflicts.iter().map(|c| row(lang, c)).collect(),
            reasons: reasons
                .into_iter()
                .map(|r| (r.as_str(), lang.t(r.key())))
                .collect(),
            staff: Some(bar),
            chrome,
        },
    )
}

fn row(lang: Lang, conflict: &ReplanConflict) -> ConflictRow {
    let seats = if conflict.scheduled == 0 {
        lang.t("admin.setup.slot_gone").to_owned()
    } else {
        lang.tf(
            "admin.setup.slot_smaller",
            &[
                ("scheduled", &conflict.scheduled.to_string()),
                ("taken", &conflict.taken.to_string()),
            ],
        )
    };
    ConflictRow {
        booking_id: conflict.booking_id.clone(),
        when: format!(
            "{}, {}",
            format::date(lang, conflict.date),
            format::clock(conflict.time)
        ),
        persons: conflict.persons,
        status: lang
            .t(&format!("admin.setup.status.{}", conflict.status.as_str()))
            .to_owned(),
        seats,
    }
}
