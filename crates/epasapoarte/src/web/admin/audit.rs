//! `/admin/audit` (admin) — the audit trail, newest first, 50 lines a page, filterable
//! by actor, action, office and date range. The trail is append-only; this page only
//! reads it. Times are Romanian time.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;

use super::frame::StaffBar;
use super::guard::Staff;
use crate::ids::OfficeId;
use crate::staff::StaffService;
use crate::store::AuditRecord;
use crate::web::page::{Chrome, Page};
use crate::web::pages::problem;
use crate::web::{FieldMessage, message_for};

mod filter;

use filter::FilterForm;

const PAGE_SIZE: u32 = 50;

#[derive(Template)]
#[template(path = "web/admin/audit.html")]
struct AuditPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    errors: Vec<FieldMessage>,
    form: FilterForm,
    /// (id, name) for the office filter.
    offices: Vec<(String, String)>,
    lines: Vec<Line>,
    /// The link to the next (older) page, if there is one.
    older: Option<String>,
    paged: bool,
}

impl AuditPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }

    /// The two date inputs: (id, label key, typed value).
    fn date_fields(&self) -> [(&'static str, &'static str, &str); 2] {
        [
            ("from", "admin.audit.from", self.form.from.as_str()),
            ("to", "admin.audit.to", self.form.to.as_str()),
        ]
    }
}

struct Line {
    at: String,
    actor: String,
    action: String,
    office: String,
    target: String,
    before: String,
    after: String,
}

pub async fn show(page: Page, staff: Staff, RawQuery(query): RawQuery) -> Response {
    let form = FilterForm::parse(query.as_deref());
    let service = StaffService::of(&page.state.service);
    let records = match service.audit_entries(&form.filter, PAGE_SIZE + 1).await {
        Ok(records) => records,
        Err(error) => return problem::failed(page, error),
    };
    let offices = match page.state.service.directory.offices().await {
        Ok(offices) => offices,
        Err(error) => return problem::failed(page, error),
    };
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let name_of = |id: OfficeId| {
        offices
            .iter()
            .find(|office| office.id == id)
            .map_or_else(|| format!("#{id}"), |office| office.name.clone())
    };
    let shown = &records[..records.len().min(PAGE_SIZE as usize)];
    let older = (records.len() > PAGE_SIZE as usize)
        .then(|| {
            shown
                .last()
                .map(|last| format!("/admin/audit?{}", form.query_before(last.id)))
        })
        .flatten();
    let lines = shown.iter().map(|record| line(record, &name_of)).collect();
    let errors = form
        .errors
        .iter()
        .map(|(id, code)| FieldMessage {
            id: (*id).to_owned(),
            message: lang.t(&format!("admin.field.{code}")).to_owned(),
        })
        .collect::<Vec<_>>();
    let mut office_options: Vec<(String, String)> = offices
        .iter()
        .map(|office| (office.id.to_string(), office.name.clone()))
        .collect();
    office_options.sort_by(|a, b| a.1.cmp(&b.1));
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let bar = StaffBar::of(&page.state, lang, &staff).await;
    page.render_status(
        status,
        AuditPage {
            chrome,
            staff: Some(bar),
            errors,
            paged: form.filter.before_id.is_some(),
            form,
            offices: office_options,
            lines,
            older,
        },
    )
}

fn line(record: &AuditRecord, office_name: &impl Fn(OfficeId) -> String) -> Line {
    let local = record.at.with_timezone(&chrono_tz::Europe::Bucharest);
    Line {
        at: local.format("%Y-%m-%d %H:%M:%S").to_string(),
        actor: record.actor.clone(),
        action: record.action.clone(),
        office: record.office_id.map(office_name).unwrap_or_default(),
        target: record.target.clone().unwrap_or_default(),
        before: record.before.clone().unwrap_or_default(),
        after: record.after.clone().unwrap_or_default(),
    }
}
