//! `agenda/absent-anulare` (SPEC §8): staff undo a no-show the same office-local day —
//! the booking is confirmed again and its CNPs' cool-off is lifted; the move is audited.
//! On another day, or for a booking that is not a no-show, a 409 agenda says why.

use axum::extract::{MatchedPath, Path};
use axum::response::Response;

use super::actions::conflict_page;
use super::{office_of, posted_booking};
use crate::ids::OfficeId;
use crate::service::cooloff::UndoOutcome;
use crate::staff::{Actor, AuditEvent};
use crate::web::admin::guard::Staff;
use crate::web::form::Form;
use crate::web::page::Page;
use crate::web::pages::problem;

pub async fn undo_no_show(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    route: MatchedPath,
    form: Form,
) -> Response {
    let office = match office_of(&page, office).await {
        Ok(office) => office,
        Err(error) => return problem::failed(page, error),
    };
    let (page, record) = match posted_booking(page, &staff, &office, route.as_str(), &form).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let audit = AuditEvent::new(Actor::staff(&staff), "booking.no_show_undone")
        .office(Some(office.id))
        .target(format!("booking:{}", record.id));
    let lang = page.chrome.lang;
    match page.state.service.undo_no_show(&record.id, audit).await {
        Ok(UndoOutcome::Undone) => page.redirect(&format!(
            "/admin/birouri/{}/agenda?data={}&rezultat=absent-anulat",
            office.id, record.date
        )),
        Ok(UndoOutcome::TooLate) => {
            let conflict = lang.t("admin.agenda.undo_too_late").to_owned();
            conflict_page(page, &staff, &office, &record, conflict).await
        }
        Ok(UndoOutcome::NotANoShow) => {
            let conflict = lang.tf(
                "admin.agenda.conflict",
                &[("status", lang.t(record.status.key()))],
            );
            conflict_page(page, &staff, &office, &record, conflict).await
        }
        Err(error) => problem::failed(page, error),
    }
}
