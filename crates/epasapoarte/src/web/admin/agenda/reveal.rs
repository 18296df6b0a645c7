//! `agenda/cnp` — "Arată CNP": the agenda of the booking's day again, with that one
//! booking's CNPs in the clear. A POST, so no CNP is ever in an address or a browser's
//! history; the view is written to the audit log first (who, which booking, the CNPs'
//! last digits only) — no audit line, no CNPs — and the page is not cached.

use axum::extract::{MatchedPath, Path};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use serde_json::json;

use super::view::{self, Extras, Revealed};
use super::{office_of, posted_booking};
use crate::ids::OfficeId;
use crate::staff::audit::cnp_tail;
use crate::staff::{Actor, AuditEvent, StaffService};
use crate::web::admin::guard::Staff;
use crate::web::form::Form;
use crate::web::page::Page;
use crate::web::pages::problem;

pub async fn reveal(
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
    let service = &page.state.service;
    let cnps: Vec<String> = match service.counter_persons(&record, true) {
        Ok(persons) => persons
            .into_iter()
            .filter_map(|person| person.cnp)
            .collect(),
        Err(error) => return problem::failed(page, error),
    };
    let tails: Vec<String> = cnps.iter().map(|cnp| cnp_tail(cnp)).collect();
    let entry = AuditEvent::new(Actor::staff(&staff), "booking.cnp_viewed")
        .office(Some(office.id))
        .target(format!("booking:{}", record.id))
        .after(json!({"persons": tails.len(), "cnp": tails}));
    if let Err(error) = StaffService::of(service).audit(entry).await {
        return problem::failed(page, error);
    }
    let extras = Extras {
        revealed: Some(Revealed {
            booking_id: record.id.clone(),
            cnps,
        }),
        ..Extras::default()
    };
    let mut response = view::render(page, &staff, &office, Some(record.date), extras).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
