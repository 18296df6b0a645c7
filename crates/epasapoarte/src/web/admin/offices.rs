//! `/admin/birouri` (admin: every office) and `/admin/birouri/{office}` (that office's
//! manager, or an admin): the office as it is set up — address, services, limits and the
//! weekly intervals with their slot length and counters. Read-only for now.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;

use super::frame::StaffBar;
use super::guard::Staff;
use crate::i18n::Lang;
use crate::i18n::format;
use crate::ids::OfficeId;
use crate::store::OfficeRecord;
use crate::web::page::{Chrome, Page};
use crate::web::pages::appointment::Row;
use crate::web::pages::problem;

#[derive(Template)]
#[template(path = "web/admin/offices.html")]
struct OfficesPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    /// (href, name, county code)
    offices: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "web/admin/office.html")]
struct OfficePage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    office_id: OfficeId,
    name: String,
    rows: Vec<Row>,
    /// (weekday, interval, slot minutes, counters)
    hours: Vec<(String, String, u16, u16)>,
}

pub async fn list(page: Page, staff: Staff) -> Response {
    let offices = match page.state.service.directory.offices().await {
        Ok(offices) => offices,
        Err(error) => return problem::failed(page, error),
    };
    let chrome = page.chrome.clone();
    let bar = StaffBar::of(&page.state, chrome.lang, &staff).await;
    let mut offices: Vec<(String, String, String)> = offices
        .iter()
        .map(|office| {
            let href = format!("/admin/birouri/{}", office.id);
            (href, office.name.clone(), office.county_code.clone())
        })
        .collect();
    offices.sort_by(|a, b| (&a.2, &a.1).cmp(&(&b.2, &b.1)));
    page.render(OfficesPage {
        chrome,
        staff: Some(bar),
        offices,
    })
}

pub async fn show(page: Page, staff: Staff, Path(office): Path<OfficeId>) -> Response {
    let office = match page.state.service.directory.office(office).await {
        Ok(Some(office)) => office,
        Ok(None) => return problem::not_found(page),
        Err(error) => return problem::failed(page, error),
    };
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let bar = StaffBar::of(&page.state, lang, &staff).await;
    page.render(OfficePage {
        office_id: office.id,
        name: office.name.clone(),
        rows: summary(lang, &office),
        hours: weekly(lang, &office),
        staff: Some(bar),
        chrome,
    })
}

fn summary(lang: Lang, office: &OfficeRecord) -> Vec<Row> {
    let services: Vec<&str> = office
        .services
        .iter()
        .map(|service| lang.t(service.key()))
        .collect();
    vec![
        Row::new(lang.t("admin.office.county"), office.county_code.clone()),
        Row::new(lang.t("admin.office.address"), office.address.clone()),
        Row::new(
            lang.t("admin.office.timezone"),
            format::zone_label(lang, office.timezone),
        ),
        Row::new(lang.t("admin.office.services"), services.join(", ")),
        Row::new(
            lang.t("admin.office.max_persons"),
            office.max_persons.to_string(),
        ),
        Row::new(
            lang.t("admin.office.horizon"),
            lang.tf(
                "admin.office.days",
                &[("n", &office.horizon_days.to_string())],
            ),
        ),
    ]
}

fn weekly(lang: Lang, office: &OfficeRecord) -> Vec<(String, String, u16, u16)> {
    let mut intervals: Vec<_> = office.schedule.weekly().collect();
    intervals.sort_by_key(|opening| (opening.weekday.num_days_from_monday(), opening.start));
    intervals
        .iter()
        .map(|opening| {
            (
                format::capitalised(format::weekday(lang, opening.weekday)),
                format!(
                    "{}–{}",
                    format::clock(opening.start),
                    format::clock(opening.end)
                ),
                opening.slot_minutes,
                opening.counters,
            )
        })
        .collect()
}
