//! `/admin/birouri/{office}/declaratii` — lost, stolen or destroyed passports (SPEC J8,
//! issue 12 item 8), for the office's clerks, its manager and admins: the form a clerk
//! fills in with the holder, and the office's latest declarations. A recorded declaration
//! opens its numbered adeverință (`adeverinta?numar=…`, an HTML page to print, in
//! Romanian like the document it is); showing it, with the CNP, is audit-logged.

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;
use epasapoarte_domain::passport::DeclarationKind;

use super::frame::StaffBar;
use super::guard::Staff;
use super::setup::office_or_answer;
use crate::i18n::{Lang, format};
use crate::ids::OfficeId;
use crate::service::{DeclarationRequest, DeclarationView, ServiceError};
use crate::staff::{Actor, AuditEvent, StaffService};
use crate::store::OfficeRecord;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};
use crate::web::pages::{problem, query};
use crate::web::{FieldMessage, message_for};

#[derive(Template)]
#[template(path = "web/admin/declarations.html")]
struct DeclarationsPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    errors: Vec<FieldMessage>,
    office_id: OfficeId,
    office_name: String,
    typed: DeclarationRequest,
    /// (value, label, chosen)
    kinds: Vec<(&'static str, &'static str, bool)>,
    rows: Vec<Line>,
}

impl DeclarationsPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

struct Line {
    number: String,
    declared_on: String,
    kind: &'static str,
    name: String,
}

#[derive(Template)]
#[template(path = "web/admin/certificate.html")]
struct CertificatePage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    office_id: OfficeId,
    office_name: String,
    office_address: String,
    view: DeclarationView,
    /// The Romanian texts of the adeverință, filled in.
    kind_text: &'static str,
    declared_on: String,
    occurred_on: String,
}

pub async fn show(page: Page, staff: Staff, Path(office): Path<OfficeId>) -> Response {
    let (page, office) = match office_or_answer(page, office).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    render(
        page,
        &staff,
        &office,
        StatusCode::OK,
        Vec::new(),
        DeclarationRequest::default(),
    )
    .await
}

pub async fn record(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    form: Form,
) -> Response {
    let (page, office) = match office_or_answer(page, office).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let typed = DeclarationRequest {
        office_id: office.id,
        kind: form.get("kind").to_owned(),
        last_name: form.get("last_name").to_owned(),
        first_name: form.get("first_name").to_owned(),
        cnp: form.get("cnp").to_owned(),
        passport_number: form.get("passport_number").to_owned(),
        occurred_on: form.get("occurred_on").to_owned(),
        place: form.get("place").to_owned(),
        police_certificate: form.get("police_certificate").to_owned(),
    };
    let service = &page.state.service;
    match service
        .record_declaration(&typed, &office.county_code, &Actor::staff(&staff))
        .await
    {
        Ok(number) => page.redirect(&format!(
            "/admin/birouri/{}/adeverinta?numar={number}",
            office.id
        )),
        Err(ServiceError::Validation(errors)) => {
            let lang = page.chrome.lang;
            let messages = errors
                .0
                .iter()
                .map(|(field, error)| FieldMessage {
                    id: field.clone(),
                    message: message(lang, field, error.code),
                })
                .collect();
            render(
                page,
                &staff,
                &office,
                StatusCode::UNPROCESSABLE_ENTITY,
                messages,
                typed,
            )
            .await
        }
        Err(error) => problem::failed(page, error),
    }
}

/// A field's error, naming the field when it was left empty.
fn message(lang: Lang, field: &str, code: &str) -> String {
    if code == "required" {
        let label = lang.t(&format!("admin.declarations.{field}"));
        return lang.tf("web.journey.required", &[("label", label)]);
    }
    lang.t(&format!("field.{code}")).to_owned()
}

/// The adeverință of a declaration of this office (404 for any other number).
pub async fn certificate(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    RawQuery(raw): RawQuery,
) -> Response {
    let (page, office) = match office_or_answer(page, office).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let number = query::param(raw.as_deref(), "numar").unwrap_or_default();
    if number.is_empty() {
        return page.redirect(&format!("/admin/birouri/{}/declaratii", office.id));
    }
    let view = match page.state.service.declaration(&number).await {
        Ok(Some(view)) if view.office_id == office.id => view,
        Ok(_) => return problem::not_found(page),
        Err(error) => return problem::failed(page, error),
    };
    // The page shows the holder's CNP: who printed which adeverință is on record.
    let event = AuditEvent::new(Actor::staff(&staff), "declaration.printed")
        .office(Some(office.id))
        .target(format!("declaration:{}", view.number));
    StaffService::of(&page.state.service)
        .audit_or_log(event)
        .await;
    let chrome = page.chrome.clone();
    let bar = StaffBar::of(&page.state, chrome.lang, &staff).await;
    let ro = Lang::Ro;
    let declared_local = view
        .declared_at
        .with_timezone(&chrono_tz::Europe::Bucharest);
    page.render(CertificatePage {
        staff: Some(bar),
        office_id: office.id,
        office_name: office.name.clone(),
        office_address: office.address.clone(),
        kind_text: ro.t(&format!("admin.certificate.{}", view.kind.as_str())),
        declared_on: format::date(ro, declared_local.date_naive()),
        occurred_on: format::date(ro, view.occurred_on),
        view,
        chrome,
    })
}

async fn render(
    page: Page,
    staff: &Staff,
    office: &OfficeRecord,
    status: StatusCode,
    errors: Vec<FieldMessage>,
    typed: DeclarationRequest,
) -> Response {
    let views = match page.state.service.office_declarations(office.id).await {
        Ok(views) => views,
        Err(error) => return problem::failed(page, error),
    };
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let bar = StaffBar::of(&page.state, lang, staff).await;
    let rows = views
        .iter()
        .map(|view| Line {
            number: view.number.clone(),
            declared_on: format::date(
                lang,
                view.declared_at
                    .with_timezone(&chrono_tz::Europe::Bucharest)
                    .date_naive(),
            ),
            kind: lang.t(view.kind.key()),
            name: format::person_name(lang, &view.last_name, &view.first_name),
        })
        .collect();
    let kinds = DeclarationKind::ALL
        .iter()
        .map(|kind| {
            (
                kind.as_str(),
                lang.t(kind.key()),
                typed.kind == kind.as_str(),
            )
        })
        .collect();
    page.render_status(
        status,
        DeclarationsPage {
            staff: Some(bar),
            errors,
            office_id: office.id,
            office_name: office.name.clone(),
            typed,
            kinds,
            rows,
            chrome,
        },
    )
}
