//! `/admin/birouri/{office}/cerere?numar=N` — one application for the counter: holder
//! (the CNP in clear, so each view is audit-logged), passport, fee, pickup, courier,
//! status and history, and the form to move it (POST `/cerere/status`) to one of the
//! statuses the domain allows next; `rejected` needs a reason, `ready` and `shipped`
//! e-mail the citizen (the service queues it with the move).

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;
use epasapoarte_domain::application::{
    ApplicationNumber, ApplicationStatus, Delivery, transition_for,
};
use serde_json::json;

use super::{audit, detail_href, messages, query_value, search_href, visible};
use crate::ids::OfficeId;
use crate::service::ServiceError;
use crate::service::applications::ApplicationView;
use crate::web::admin::frame::StaffBar;
use crate::web::admin::guard::Staff;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};
use crate::web::pages::appointment::Row;
use crate::web::pages::problem;
use crate::web::{FieldMessage, message_for};

#[derive(Template)]
#[template(path = "web/admin/application.html")]
struct DetailPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    errors: Vec<FieldMessage>,
    office_id: OfficeId,
    number: String,
    status: &'static str,
    rows: Vec<Row>,
    /// (when, from, to, who, reason)
    history: Vec<(String, String, &'static str, String, String)>,
    /// (value, label) of the statuses the domain allows next.
    next: Vec<(&'static str, &'static str)>,
    chosen: String,
    reason: String,
    registered: bool,
    moved: bool,
}

impl DetailPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }

    /// Whether "rejected" is one of the moves offered (only then is a reason asked for).
    fn may_reject(&self) -> bool {
        self.next
            .iter()
            .any(|(value, _)| *value == ApplicationStatus::Rejected.as_str())
    }
}

/// The application `typed`, if it exists and this office may see it.
async fn find(
    page: &Page,
    staff: &Staff,
    office: OfficeId,
    typed: &str,
) -> Result<Option<ApplicationView>, ServiceError> {
    let Ok(number) = typed.parse::<ApplicationNumber>() else {
        return Ok(None);
    };
    let found = page.state.service.application(&number).await?;
    Ok(found.filter(|view| visible(staff, office, view)))
}

pub async fn show(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    RawQuery(query): RawQuery,
) -> Response {
    let query = query.as_deref();
    let Some(typed) = query_value(query, "numar") else {
        return page.redirect(&search_href(office));
    };
    let view = match find(&page, &staff, office, &typed).await {
        Ok(Some(view)) => view,
        Ok(None) => return problem::not_found(page),
        Err(error) => return problem::failed(page, error),
    };
    let number = view.number.to_string();
    audit(
        &page.state,
        &staff,
        "application.viewed",
        office,
        number,
        json!({}),
    )
    .await;
    let flags = (
        query_value(query, "inregistrata").is_some(),
        query_value(query, "mutata").is_some(),
    );
    render(
        page,
        &staff,
        office,
        &view,
        Vec::new(),
        (String::new(), String::new()),
        flags,
    )
    .await
}

pub async fn move_status(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    form: Form,
) -> Response {
    let typed = form.get("numar");
    if typed.is_empty() {
        return page.redirect(&search_href(office));
    }
    let view = match find(&page, &staff, office, typed).await {
        Ok(Some(view)) => view,
        Ok(None) => return problem::not_found(page),
        Err(error) => return problem::failed(page, error),
    };
    let lang = page.chrome.lang;
    let typed_back = (form.get("status").to_owned(), form.get("reason").to_owned());
    let Ok(to) = form.get("status").parse::<ApplicationStatus>() else {
        let error = FieldMessage {
            id: "status".to_owned(),
            message: lang.t("admin.application.status_required").to_owned(),
        };
        return again(page, &staff, office, &view, vec![error], typed_back).await;
    };
    let reason = Some(form.get("reason")).filter(|r| !r.is_empty());
    let actor = crate::staff::Actor::staff(&staff);
    let moved = page
        .state
        .service
        .move_application_status(&view.number, to, reason, &actor)
        .await;
    match moved {
        // Moved together with its audit line (the service writes it).
        Ok(_) => {
            let to = format!("{}&mutata=1", detail_href(office, &view.number.to_string()));
            page.redirect(&to)
        }
        Err(ServiceError::Validation(errors)) => {
            let errors = messages(lang, &errors);
            again(page, &staff, office, &view, errors, typed_back).await
        }
        Err(ServiceError::IllegalTransition(_)) => {
            let error = FieldMessage {
                id: "status".to_owned(),
                message: lang.t("error.application.illegal_transition").to_owned(),
            };
            let response = again(page, &staff, office, &view, vec![error], typed_back).await;
            with_status(response, StatusCode::CONFLICT)
        }
        Err(ServiceError::NotFound) => problem::not_found(page),
        Err(error) => problem::failed(page, error),
    }
}

/// The application page again, with the status form as typed and what is wrong with it.
async fn again(
    page: Page,
    staff: &Staff,
    office: OfficeId,
    view: &ApplicationView,
    errors: Vec<FieldMessage>,
    typed: (String, String),
) -> Response {
    render(page, staff, office, view, errors, typed, (false, false)).await
}

fn with_status(mut response: Response, status: StatusCode) -> Response {
    *response.status_mut() = status;
    response
}

async fn render(
    page: Page,
    staff: &Staff,
    office_id: OfficeId,
    view: &ApplicationView,
    errors: Vec<FieldMessage>,
    (chosen, reason): (String, String),
    (registered, moved): (bool, bool),
) -> Response {
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let bar = StaffBar::of(&page.state, lang, staff).await;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let next = ApplicationStatus::ALL
        .into_iter()
        .filter(|to| {
            let delivery = Delivery::of(view.passport_type, view.courier.is_some());
            transition_for(view.status, *to, delivery).is_ok()
        })
        .map(|to| (to.as_str(), lang.t(to.key())))
        .collect();
    page.render_status(
        status,
        DetailPage {
            errors,
            office_id,
            number: view.number.to_string(),
            status: lang.t(view.status.key()),
            rows: super::summary::rows(lang, view),
            history: super::summary::history(lang, view),
            next,
            chosen,
            reason,
            registered,
            moved,
            staff: Some(bar),
            chrome,
        },
    )
}
