//! `/admin/birouri/{office}/cereri/noua` — register one person's application. With
//! `?programare=ID&persoana=N` the names and CNP come from that booked person (a booking
//! of another office is "not found"); without, it is a walk-in and the form is empty.
//! Success: to the application's page, its number shown at the top. A CNP under
//! restriction: the refusal on the form, and in the audit log (CNP tail only).

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use super::values::Values;
use super::{audit, detail_href, fees, messages, query_value};
use crate::ids::OfficeId;
use crate::service::FieldErrors;
use crate::service::ServiceError;
use crate::staff::Actor;
use crate::staff::audit::cnp_tail;
use crate::store::OfficeRecord;
use crate::web::admin::frame::StaffBar;
use crate::web::admin::guard::Staff;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};
use crate::web::pages::problem;
use crate::web::{FieldMessage, message_for};

#[derive(Template)]
#[template(path = "web/admin/application_new.html")]
struct NewPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    errors: Vec<FieldMessage>,
    office_id: OfficeId,
    office_name: String,
    values: Values,
    /// (value, label) of the office's services.
    services: Vec<(&'static str, &'static str)>,
    /// (id, name) of every passport office, for the pickup place.
    offices: Vec<(String, String)>,
    /// (code, name) of the counties, for the courier address.
    counties: Vec<(&'static str, &'static str)>,
    fee_hint: String,
    /// The restrictions registry's refusal, when that is why nothing was registered.
    refusal: Option<String>,
}

impl NewPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

pub async fn show(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    RawQuery(query): RawQuery,
) -> Response {
    let mut values = Values::default();
    if let Some(booking) = query_value(query.as_deref(), "programare") {
        let position = query_value(query.as_deref(), "persoana").and_then(|p| p.parse().ok());
        let Some(position) = position else {
            return problem::not_found(page);
        };
        let service = &page.state.service;
        match service.booked_holder(office, &booking, position).await {
            Ok(Some(holder)) => {
                // The prefilled form shows the person's CNP: a view, audited as such.
                let after =
                    json!({"persons": 1, "position": position, "cnp": [cnp_tail(&holder.cnp)]});
                let target = format!("booking:{booking}");
                audit(
                    &page.state,
                    &staff,
                    "booking.cnp_viewed",
                    office,
                    target,
                    after,
                )
                .await;
                values.prefill(&booking, position, &holder)
            }
            Ok(None) => return problem::not_found(page),
            Err(error) => return problem::failed(page, error),
        }
    }
    render(page, &staff, office, values, Vec::new(), None).await
}

pub async fn submit(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    form: Form,
) -> Response {
    let values = Values::from_form(&form);
    let request = values.request(office);
    let service = &page.state.service;
    let lang = page.chrome.lang;
    match service
        .register_application(&request, &Actor::staff(&staff))
        .await
    {
        // Registered together with its audit line (the service writes it).
        Ok(registered) => {
            let number = registered.number.to_string();
            let to = format!("{}&inregistrata=1", detail_href(office, &number));
            page.redirect(&to)
        }
        Err(ServiceError::Validation(errors)) => {
            let messages = field_messages(lang, &errors, &values, service.today_in_romania());
            render(page, &staff, office, values, messages, None).await
        }
        Err(ServiceError::Restricted(refusal)) => {
            let after = json!({
                "cnp": cnp_tail(&refusal.cnp_last4),
                "restriction_id": refusal.restriction_id,
                "legal_basis": refusal.legal_basis,
                "ends_on": refusal.ends_on.to_string(),
            });
            let target = format!("restriction:{}", refusal.restriction_id);
            audit(
                &page.state,
                &staff,
                "application.refused_restricted",
                office,
                target,
                after,
            )
            .await;
            let text = lang.tf(
                "error.application.restricted",
                &[
                    ("legal_basis", &refusal.legal_basis),
                    ("ends_on", &refusal.ends_on.format("%d.%m.%Y").to_string()),
                ],
            );
            let errors = vec![FieldMessage {
                id: "cnp".to_owned(),
                message: text.clone(),
            }];
            render(page, &staff, office, values, errors, Some(text)).await
        }
        Err(ServiceError::AlreadyRegistered) => {
            let errors = vec![FieldMessage {
                id: "booking".to_owned(),
                message: lang.t("error.application.already_registered").to_owned(),
            }];
            render(page, &staff, office, values, errors, None).await
        }
        Err(ServiceError::NotFound) => problem::not_found(page),
        Err(error) => problem::failed(page, error),
    }
}

/// The field messages, with the fee due named when the receipt does not match it.
fn field_messages(
    lang: crate::i18n::Lang,
    errors: &FieldErrors,
    values: &Values,
    today: chrono::NaiveDate,
) -> Vec<FieldMessage> {
    let mut messages = messages(lang, errors);
    for message in &mut messages {
        let code = errors.0.get(&message.id).map(|e| e.code);
        if code == Some("application.fee_mismatch") {
            message.message = fees::mismatch(
                lang,
                &values.passport_type,
                &values.cnp,
                values.courier,
                today,
            );
        }
        if matches!(message.id.as_str(), "booking_id" | "person") {
            message.id = "booking".to_owned();
        }
    }
    messages
}

async fn render(
    page: Page,
    staff: &Staff,
    office_id: OfficeId,
    values: Values,
    errors: Vec<FieldMessage>,
    refusal: Option<String>,
) -> Response {
    let directory = &page.state.service.directory;
    let office = match directory.office(office_id).await {
        Ok(Some(office)) => office,
        Ok(None) => return problem::not_found(page),
        Err(error) => return problem::failed(page, error),
    };
    let offices = match directory.offices().await {
        Ok(offices) => offices,
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
    let fee_hint = fees::hint(lang, &values.cnp, page.state.service.today_in_romania());
    page.render_status(
        status,
        NewPage {
            services: services(lang, &office),
            offices: pickup_offices(&offices),
            counties: epasapoarte_domain::county::COUNTIES
                .iter()
                .map(|c| (c.code(), c.name()))
                .collect(),
            office_id,
            office_name: office.name,
            fee_hint,
            values,
            errors,
            refusal,
            staff: Some(bar),
            chrome,
        },
    )
}

fn services(lang: crate::i18n::Lang, office: &OfficeRecord) -> Vec<(&'static str, &'static str)> {
    office
        .services
        .iter()
        .map(|service| (service.as_str(), lang.t(service.key())))
        .collect()
}

fn pickup_offices(offices: &[OfficeRecord]) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = offices
        .iter()
        .map(|office| (office.id.to_string(), office.name.clone()))
        .collect();
    list.sort_by(|a, b| a.1.cmp(&b.1));
    list
}
