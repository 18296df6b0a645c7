//! `/admin/birouri/{office}/cereri` — find applications: by number (`?numar=`, a GET: a
//! number is no personal data) or by CNP (a POST to `/cereri/cautare`, so the CNP never
//! sits in a URL; each CNP search is written to the audit log with the CNP's tail).
//! Only what this office may see is listed (see the module's rule).

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;
use epasapoarte_domain::application::ApplicationNumber;
use epasapoarte_domain::cnp::Cnp;
use serde_json::json;

use super::{audit, detail_href, query_value, visible};
use crate::i18n::Lang;
use crate::ids::OfficeId;
use crate::service::applications::ApplicationView;
use crate::service::input::cnp_error_code;
use crate::staff::audit::cnp_tail;
use crate::web::admin::frame::StaffBar;
use crate::web::admin::guard::Staff;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};
use crate::web::pages::problem;
use crate::web::{FieldMessage, message_for};

#[derive(Template)]
#[template(path = "web/admin/applications.html")]
struct SearchPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    errors: Vec<FieldMessage>,
    office_id: OfficeId,
    number: String,
    /// `None`: nothing searched yet.
    results: Option<Vec<Row>>,
}

impl SearchPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

pub struct Row {
    pub href: String,
    pub number: String,
    pub name: String,
    pub passport: &'static str,
    pub submitted_on: String,
    pub status: &'static str,
}

pub async fn show(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(typed) = query_value(query.as_deref(), "numar") else {
        return render(page, &staff, office, String::new(), Vec::new(), None).await;
    };
    let Ok(number) = typed.parse::<ApplicationNumber>() else {
        let lang = page.chrome.lang;
        let error = FieldMessage {
            id: "numar".to_owned(),
            message: lang.t("admin.applications.number_invalid").to_owned(),
        };
        return render(page, &staff, office, typed, vec![error], None).await;
    };
    let found = match page.state.service.application(&number).await {
        Ok(found) => found,
        Err(error) => return problem::failed(page, error),
    };
    let rows = rows(page.chrome.lang, &staff, office, found.into_iter());
    render(page, &staff, office, typed, Vec::new(), Some(rows)).await
}

pub async fn by_cnp(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    form: Form,
) -> Response {
    let service = &page.state.service;
    let lang = page.chrome.lang;
    let cnp = match Cnp::parse(form.get("cnp"), service.today_in_romania()) {
        Ok(cnp) => cnp,
        Err(error) => {
            let message = FieldMessage {
                id: "cnp".to_owned(),
                message: lang
                    .t(&format!("field.{}", cnp_error_code(&error)))
                    .to_owned(),
            };
            return render(page, &staff, office, String::new(), vec![message], None).await;
        }
    };
    let found = match service.search_applications(cnp.as_str()).await {
        Ok(found) => found,
        Err(error) => return problem::failed(page, error),
    };
    let rows = rows(lang, &staff, office, found.into_iter());
    let after = json!({"cnp": cnp_tail(cnp.as_str()), "found": rows.len()});
    let target = format!("cnp:{}", cnp_tail(cnp.as_str()));
    audit(
        &page.state,
        &staff,
        "application.searched_by_cnp",
        office,
        target,
        after,
    )
    .await;
    render(page, &staff, office, String::new(), Vec::new(), Some(rows)).await
}

fn rows(
    lang: Lang,
    staff: &Staff,
    office: OfficeId,
    found: impl Iterator<Item = ApplicationView>,
) -> Vec<Row> {
    found
        .filter(|view| visible(staff, office, view))
        .map(|view| {
            let number = view.number.to_string();
            Row {
                href: detail_href(office, &number),
                name: if view.purged {
                    lang.t("admin.application.purged").to_owned()
                } else {
                    format!("{} {}", view.last_name, view.first_name)
                },
                passport: lang.t(view.passport_type.key()),
                submitted_on: view.submitted_on.format("%d.%m.%Y").to_string(),
                status: lang.t(view.status.key()),
                number,
            }
        })
        .collect()
}

async fn render(
    page: Page,
    staff: &Staff,
    office_id: OfficeId,
    number: String,
    errors: Vec<FieldMessage>,
    results: Option<Vec<Row>>,
) -> Response {
    let chrome = page.chrome.clone();
    let bar = StaffBar::of(&page.state, chrome.lang, staff).await;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page.render_status(
        status,
        SearchPage {
            chrome,
            staff: Some(bar),
            errors,
            office_id,
            number,
            results,
        },
    )
}
