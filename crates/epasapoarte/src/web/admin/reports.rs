//! Reports (SPEC §3): `/admin/rapoarte` (admin) — every office's totals over a date range
//! with its lead time now; `/admin/birouri/{office}/rapoarte` (the office's manager, or
//! an admin) — one row per day, two server-drawn SVG charts and the lead time now;
//! `/admin/birouri/{office}/rapoarte.csv` — the same rows as a CSV download. The range
//! comes from `?de_la=…&pana_la=…`; a bad one is a 422 (the form with its errors on the
//! pages, a line of text for the CSV).

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::frame::StaffBar;
use super::guard::Staff;
use crate::i18n::Lang;
use crate::ids::OfficeId;
use crate::service::reports::total;
use crate::store::OfficeRecord;
use crate::web::page::{Chrome, Page};
use crate::web::pages::problem;
use crate::web::{FieldMessage, message_for};

mod chart;
mod csv;
mod range;
mod view;

use range::RangeForm;
use view::Row;

#[derive(Template)]
#[template(path = "web/admin/reports.html")]
struct AllPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    errors: Vec<FieldMessage>,
    form: RangeForm,
    action: String,
    /// (office report link, county, row)
    offices: Vec<(String, String, Row)>,
}

#[derive(Template)]
#[template(path = "web/admin/office_report.html")]
struct OfficePage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    errors: Vec<FieldMessage>,
    form: RangeForm,
    action: String,
    office_id: OfficeId,
    name: String,
    lead_now: String,
    csv_href: String,
    rows: Vec<Row>,
    totals: Option<Row>,
    seats_chart: String,
    lead_chart: String,
}

impl AllPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

impl OfficePage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

fn messages(lang: Lang, form: &RangeForm) -> Vec<FieldMessage> {
    form.errors
        .iter()
        .map(|(id, key)| FieldMessage {
            id: (*id).to_owned(),
            message: lang.tf(
                key,
                &[("max", &crate::service::reports::MAX_RANGE_DAYS.to_string())],
            ),
        })
        .collect()
}

fn status_of(errors: &[FieldMessage]) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// `/admin/rapoarte`: every office, sorted by county then name.
pub async fn all(page: Page, staff: Staff, RawQuery(query): RawQuery) -> Response {
    let service = &page.state.service;
    let form = RangeForm::parse(query.as_deref(), service.today_in_romania());
    let mut offices = match service.directory.offices().await {
        Ok(offices) => offices.as_ref().clone(),
        Err(error) => return problem::failed(page, error),
    };
    offices.sort_by(|a, b| (&a.county_code, &a.name).cmp(&(&b.county_code, &b.name)));
    let lang = page.chrome.lang;
    let mut rows = Vec::new();
    if let Some((from, to)) = form.range {
        let (totals, leads) = match tokio::try_join!(
            service.offices_totals(&offices, from, to),
            service.lead_times_now(&offices)
        ) {
            Ok(found) => found,
            Err(error) => return problem::failed(page, error),
        };
        for ((office, counts), lead) in offices.iter().zip(&totals).zip(&leads) {
            let href = format!("/admin/birouri/{}/rapoarte?{}", office.id, form.query());
            let lead = view::lead_text(lang, Some(lead.days));
            rows.push((
                href,
                office.county_code.clone(),
                Row::of(lang, office.name.clone(), counts, lead),
            ));
        }
    }
    let errors = messages(lang, &form);
    let chrome = page.chrome.clone();
    let bar = StaffBar::of(&page.state, lang, &staff).await;
    page.render_status(
        status_of(&errors),
        AllPage {
            chrome,
            staff: Some(bar),
            errors,
            form,
            action: "/admin/rapoarte".to_owned(),
            offices: rows,
        },
    )
}

async fn office_of(
    page: &Page,
    office: OfficeId,
) -> Result<Option<OfficeRecord>, crate::service::ServiceError> {
    Ok(page.state.service.directory.office(office).await?)
}

/// The office's local today (reports are in the office's calendar).
fn today_of(page: &Page, office: &OfficeRecord) -> chrono::NaiveDate {
    page.state
        .service
        .now()
        .with_timezone(&office.timezone)
        .date_naive()
}

/// `/admin/birouri/{office}/rapoarte`: the per-day table, the charts, the lead time now.
pub async fn office(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    RawQuery(query): RawQuery,
) -> Response {
    let office = match office_of(&page, office).await {
        Ok(Some(office)) => office,
        Ok(None) => return problem::not_found(page),
        Err(error) => return problem::failed(page, error),
    };
    let service = &page.state.service;
    let form = RangeForm::parse(query.as_deref(), today_of(&page, &office));
    let lang = page.chrome.lang;
    let lead_now = match service.lead_times_now(std::slice::from_ref(&office)).await {
        Ok(found) => view::lead_text(lang, Some(found.first().and_then(|lead| lead.days))),
        Err(error) => return problem::failed(page, error),
    };
    let (mut rows, mut totals, mut charts) = (Vec::new(), None, (String::new(), String::new()));
    if let Some((from, to)) = form.range {
        let days = match service.office_report(&office, from, to).await {
            Ok(days) => days,
            Err(error) => return problem::failed(page, error),
        };
        rows = view::day_rows(lang, &days);
        let counts: Vec<_> = days.iter().map(|day| day.counts).collect();
        totals = Some(Row::of(
            lang,
            lang.t("admin.reports.total").to_owned(),
            &total(office.id, &counts),
            String::new(),
        ));
        charts = view::charts(lang, &days);
    }
    let errors = messages(lang, &form);
    let chrome = page.chrome.clone();
    let bar = StaffBar::of(&page.state, lang, &staff).await;
    page.render_status(
        status_of(&errors),
        OfficePage {
            chrome,
            staff: Some(bar),
            errors,
            action: format!("/admin/birouri/{}/rapoarte", office.id),
            csv_href: format!("/admin/birouri/{}/rapoarte.csv?{}", office.id, form.query()),
            form,
            office_id: office.id,
            name: office.name.clone(),
            lead_now,
            rows,
            totals,
            seats_chart: charts.0,
            lead_chart: charts.1,
        },
    )
}

/// `/admin/birouri/{office}/rapoarte.csv`: the office page's rows as a download.
pub async fn office_csv(
    page: Page,
    Path(office): Path<OfficeId>,
    RawQuery(query): RawQuery,
) -> Response {
    let office = match office_of(&page, office).await {
        Ok(Some(office)) => office,
        Ok(None) => return problem::not_found(page),
        Err(error) => return problem::failed(page, error),
    };
    let form = RangeForm::parse(query.as_deref(), today_of(&page, &office));
    let lang = page.chrome.lang;
    let Some((from, to)) = form.range else {
        let text: Vec<String> = messages(lang, &form)
            .into_iter()
            .map(|m| m.message)
            .collect();
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            text.join("\n"),
        )
            .into_response();
    };
    let days = match page.state.service.office_report(&office, from, to).await {
        Ok(days) => days,
        Err(error) => return problem::failed(page, error),
    };
    let filename = format!("raport-birou-{}-{from}-{to}.csv", office.id);
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        view::csv_body(&days),
    )
        .into_response()
}
