//! `/birouri` (J1): the passport offices by county — address, services, opening hours with
//! the exceptions of the next 30 days, and the next free appointment — with a county
//! filter (`?judet=CJ`, a GET form: nothing personal) and the "Cel mai devreme loc liber"
//! search form (`earliest`).

use std::collections::HashMap;

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{NaiveDate, NaiveTime};
use epasapoarte_domain::county::{COUNTIES, County};
use epasapoarte_domain::passport::PassportType;
use epasapoarte_domain::schedule::OfficeActivity;

use super::appointment::Row;
use super::earliest::SearchForm;
use super::{problem, query};
use crate::i18n::Lang;
use crate::i18n::format;
use crate::ids::OfficeId;
use crate::service::{BookingService, ServiceResult};
use crate::store::OfficeRecord;
use crate::web::page::{Chrome, Page};
use crate::web::{FieldMessage, message_for};

mod hours;

/// How far ahead the exceptions to the weekly hours are listed.
const EXCEPTION_DAYS: i64 = 30;

struct CountyBlock {
    name: &'static str,
    offices: Vec<OfficeCard>,
}

struct OfficeCard {
    id: OfficeId,
    name: String,
    address: String,
    /// The zone, for an office abroad only.
    zone: Option<String>,
    services: String,
    hours: Vec<Row>,
    /// (heading, rows) of each other activity: pickup, public relations (issue 12).
    activities: Vec<(&'static str, Vec<Row>)>,
    exceptions: Vec<Row>,
    next_free: Option<String>,
}

#[derive(Template)]
#[template(path = "web/pages/offices.html")]
struct OfficesPage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    /// The county filter's value ("" = all).
    selected: String,
    counties: Vec<(&'static str, &'static str)>,
    blocks: Vec<CountyBlock>,
    search: SearchForm,
}

impl OfficesPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

pub async fn show(page: Page, RawQuery(raw): RawQuery) -> Response {
    let chrome = page.chrome.clone();
    let selected = query::param(raw.as_deref(), "judet").unwrap_or_default();
    let filter = County::by_code(&selected);
    let mut errors = Vec::new();
    if filter.is_none() && !selected.is_empty() {
        errors.push(FieldMessage {
            id: "judet".to_owned(),
            message: chrome.t("field.unknown_county").to_owned(),
        });
    }
    let blocks = match blocks(&page.state.service, chrome.lang, filter).await {
        Ok(blocks) => blocks,
        Err(error) => return problem::failed(page, error),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let largest = match page.state.service.largest_family().await {
        Ok(largest) => largest,
        Err(error) => return problem::failed(page, error),
    };
    let template = OfficesPage {
        counties: COUNTIES.iter().map(|c| (c.code(), c.name())).collect(),
        search: SearchForm::blank(&chrome, largest),
        selected,
        blocks,
        errors,
        chrome,
    };
    page.render_status(status, template)
}

async fn blocks(
    service: &BookingService,
    lang: Lang,
    filter: Option<&County>,
) -> ServiceResult<Vec<CountyBlock>> {
    let offices = service.directory.offices().await?;
    let next = next_free(service, filter.map(County::code)).await?;
    let activities = service.store.activity_hours().await?;
    let now = service.now();
    Ok(COUNTIES
        .iter()
        .filter(|county| filter.is_none_or(|wanted| wanted.code() == county.code()))
        .map(|county| CountyBlock {
            name: county.name(),
            offices: offices
                .iter()
                .filter(|office| office.county_code.eq_ignore_ascii_case(county.code()))
                .map(|office| {
                    let today = now.with_timezone(&office.timezone).date_naive();
                    let mut card = card(lang, office, today, next.get(&office.id).copied());
                    card.activities = OfficeActivity::ALL
                        .into_iter()
                        .map(|activity| {
                            // Never set: the application hours stand for it (seed 004).
                            let rows = match activities.of(office.id, activity) {
                                Some(days) => hours::activity(lang, &days),
                                None => card.hours.clone(),
                            };
                            (lang.t(activity.key()), rows)
                        })
                        .collect();
                    card
                })
                .collect(),
        })
        .collect())
}

/// Each office's first free slot for one person, whatever the service (seats are shared).
async fn next_free(
    service: &BookingService,
    county: Option<&str>,
) -> ServiceResult<HashMap<OfficeId, (NaiveDate, NaiveTime)>> {
    let mut first: HashMap<OfficeId, (NaiveDate, NaiveTime)> = HashMap::new();
    for passport in PassportType::ALL {
        for slot in service.earliest(passport, 1, county).await? {
            let at = (slot.date, slot.time);
            first
                .entry(slot.office_id)
                .and_modify(|known| *known = (*known).min(at))
                .or_insert(at);
        }
    }
    Ok(first)
}

fn card(
    lang: Lang,
    office: &OfficeRecord,
    today: NaiveDate,
    next: Option<(NaiveDate, NaiveTime)>,
) -> OfficeCard {
    let romania = office.timezone == chrono_tz::Europe::Bucharest;
    OfficeCard {
        id: office.id,
        name: office.name.clone(),
        address: office.address.clone(),
        zone: (!romania).then(|| office.timezone.name().to_owned()),
        services: office
            .services
            .iter()
            .map(|s| lang.t(s.key()))
            .collect::<Vec<_>>()
            .join(", "),
        hours: hours::weekly(lang, &office.schedule),
        activities: Vec::new(),
        exceptions: hours::exceptions(lang, &office.schedule, today, EXCEPTION_DAYS),
        next_free: next.map(|(date, time)| {
            lang.tf(
                "web.offices.date_at",
                &[
                    ("date", &format::date(lang, date)),
                    ("time", &format::time_in_zone(lang, time, office.timezone)),
                ],
            )
        }),
    }
}
