//! `/admin/birouri/{office}/setari`: the passport types the office takes (checkboxes),
//! the most persons one booking may hold (1–10) and how many days ahead citizens may book
//! (1–90). Existing bookings are never changed by these settings: a smaller maximum or a
//! service no longer offered applies to new bookings only. A new horizon re-plans the
//! slots (days are opened; slots already planned further out keep their schedule).

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;
use epasapoarte_domain::passport::PassportType;
use serde_json::{Value, json};

use super::{event, message, office_or_answer};
use crate::ids::OfficeId;
use crate::store::{OfficeRecord, OfficeSettings};
use crate::web::FieldMessage;
use crate::web::admin::frame::StaffBar;
use crate::web::admin::guard::Staff;
use crate::web::form::Form;
use crate::web::message_for;
use crate::web::page::{Chrome, Page};
use crate::web::pages::problem;

/// The most days ahead an office may open (SPEC J2: 90).
pub const MAX_HORIZON_DAYS: u32 = 90;
/// The most persons on one booking (SPEC J2).
pub const MAX_PERSONS: u8 = 10;

#[derive(Template)]
#[template(path = "web/admin/setup/settings.html")]
struct SettingsPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    office_id: OfficeId,
    name: String,
    saved: bool,
    errors: Vec<FieldMessage>,
    /// (value, label, checked)
    services: Vec<(&'static str, &'static str, bool)>,
    /// (id, label key, hint key, value) of the two number inputs.
    numbers: Vec<(&'static str, &'static str, &'static str, String)>,
}

impl SettingsPage {
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
    let (page, office) = match office_or_answer(page, office).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let saved = query.is_some_and(|q| q.contains("salvat"));
    let chosen: Vec<String> = office
        .services
        .iter()
        .map(|s| s.as_str().to_owned())
        .collect();
    let values = (
        chosen,
        office.max_persons.to_string(),
        office.horizon_days.to_string(),
    );
    render(page, &staff, &office, values, saved, Vec::new()).await
}

pub async fn submit(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    form: Form,
) -> Response {
    let (page, office) = match office_or_answer(page, office).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let lang = page.chrome.lang;
    let chosen: Vec<String> = form.all("service");
    let mut errors = Vec::new();
    let mut services = Vec::new();
    for value in &chosen {
        match value.parse::<PassportType>() {
            Ok(service) if !services.contains(&service) => services.push(service),
            Ok(_) => {}
            Err(_) => errors.push(field("service-0", message(lang, "", "service_unknown"))),
        }
    }
    if chosen.is_empty() {
        errors.push(field("service-0", message(lang, "", "services_none")));
    }
    let max_persons = form
        .get("max_persons")
        .parse::<u8>()
        .ok()
        .filter(|n| (1..=MAX_PERSONS).contains(n));
    if max_persons.is_none() {
        errors.push(field("max_persons", message(lang, "", "max_persons_range")));
    }
    let horizon_days = form
        .get("horizon_days")
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_HORIZON_DAYS).contains(n));
    if horizon_days.is_none() {
        errors.push(field("horizon_days", message(lang, "", "horizon_range")));
    }
    let (Some(max_persons), Some(horizon_days), true) =
        (max_persons, horizon_days, errors.is_empty())
    else {
        let values = (
            chosen,
            form.get("max_persons").to_owned(),
            form.get("horizon_days").to_owned(),
        );
        return render(page, &staff, &office, values, false, errors).await;
    };
    services.sort_by_key(|s| PassportType::ALL.iter().position(|t| t == s));
    let settings = OfficeSettings {
        services,
        max_persons,
        horizon_days,
    };
    let before = OfficeSettings {
        services: office.services.clone(),
        max_persons: office.max_persons,
        horizon_days: office.horizon_days,
    };
    let entry = event(&staff, "office.settings_saved", office.id)
        .target(format!("office:{}", office.id))
        .before(settings_json(&before))
        .after(settings_json(&settings));
    if let Err(error) = page
        .state
        .service
        .save_office_settings(&office, &settings, entry)
        .await
    {
        return problem::failed(page, error);
    }
    let back = format!("/admin/birouri/{}/setari", office.id);
    super::replan::after_change(page, office.id, &back).await
}

fn field(id: &str, message: String) -> FieldMessage {
    FieldMessage {
        id: id.to_owned(),
        message,
    }
}

fn settings_json(settings: &OfficeSettings) -> Value {
    json!({
        "services": settings.services.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "max_persons": settings.max_persons,
        "horizon_days": settings.horizon_days,
    })
}

async fn render(
    page: Page,
    staff: &Staff,
    office: &OfficeRecord,
    (chosen, max_persons, horizon_days): (Vec<String>, String, String),
    saved: bool,
    errors: Vec<FieldMessage>,
) -> Response {
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let bar = StaffBar::of(&page.state, lang, staff).await;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let services = PassportType::ALL
        .iter()
        .map(|s| {
            (
                s.as_str(),
                lang.t(s.key()),
                chosen.iter().any(|c| c == s.as_str()),
            )
        })
        .collect();
    page.render_status(
        status,
        SettingsPage {
            chrome,
            staff: Some(bar),
            office_id: office.id,
            name: office.name.clone(),
            saved,
            errors,
            services,
            numbers: vec![
                (
                    "max_persons",
                    "admin.setup.max_persons",
                    "admin.setup.max_persons_hint",
                    max_persons,
                ),
                (
                    "horizon_days",
                    "admin.setup.horizon_days",
                    "admin.setup.horizon_hint",
                    horizon_days,
                ),
            ],
        },
    )
}
