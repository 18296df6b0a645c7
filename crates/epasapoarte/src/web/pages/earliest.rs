//! `/birouri/cel-mai-devreme` (J1): "Cel mai devreme loc liber" — for a service and a
//! number of persons, across one county or the whole country, the offices ordered by their
//! first free slot (in 2023 people drove across counties to find one). A GET form: the
//! question holds nothing personal, and the answer can be shared.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use epasapoarte_domain::county::County;

use super::problem;
use crate::i18n::Lang;
use crate::i18n::format;
use crate::ids::OfficeId;
use crate::service::EarliestSlot;
use crate::store::OfficeRecord;
use crate::web::page::{Chrome, Page};
use crate::web::{FieldMessage, message_for};

mod search;

pub use search::SearchForm;

/// One office of the answer.
struct Found {
    office_id: OfficeId,
    office: String,
    county: &'static str,
    when: String,
    free: String,
}

#[derive(Template)]
#[template(path = "web/pages/earliest.html")]
struct EarliestPage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    search: SearchForm,
    /// `None` before a search; an empty list when nothing is free.
    found: Option<Vec<Found>>,
}

impl EarliestPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

pub async fn show(page: Page, RawQuery(raw): RawQuery) -> Response {
    let chrome = page.chrome.clone();
    let largest = match page.state.service.largest_family().await {
        Ok(largest) => largest,
        Err(error) => return problem::failed(page, error),
    };
    let mut search = SearchForm::blank(&chrome, largest);
    let criteria = match search::read(raw.as_deref(), &mut search) {
        None => {
            let template = EarliestPage {
                chrome,
                errors: Vec::new(),
                search,
                found: None,
            };
            return page.render(template);
        }
        Some(Ok(criteria)) => criteria,
        Some(Err(problems)) => {
            let errors = problems
                .into_iter()
                .map(|(id, key)| FieldMessage {
                    id: id.to_owned(),
                    message: chrome.t(key).to_owned(),
                })
                .collect();
            let template = EarliestPage {
                chrome,
                errors,
                search,
                found: None,
            };
            return page.render_status(StatusCode::UNPROCESSABLE_ENTITY, template);
        }
    };
    let service = &page.state.service;
    let county = criteria.county.map(County::code);
    let slots = match service
        .earliest(criteria.passport, criteria.persons, county)
        .await
    {
        Ok(slots) => slots,
        Err(error) => return problem::failed(page, error),
    };
    let offices = match service.directory.offices().await {
        Ok(offices) => offices,
        Err(error) => return problem::failed(page, error),
    };
    let found = slots
        .into_iter()
        .map(|slot| describe(chrome.lang, slot, &offices))
        .collect();
    let template = EarliestPage {
        chrome,
        errors: Vec::new(),
        search,
        found: Some(found),
    };
    page.render(template)
}

/// One office's first free slot, in the office's own time (which it names).
fn describe(lang: Lang, slot: EarliestSlot, offices: &[OfficeRecord]) -> Found {
    let tz = offices
        .iter()
        .find(|office| office.id == slot.office_id)
        .map_or(chrono_tz::Europe::Bucharest, |office| office.timezone);
    let date = format::date(lang, slot.date);
    let time = format::time_in_zone(lang, slot.time, tz);
    Found {
        office_id: slot.office_id,
        office: slot.office_name,
        county: County::by_code(&slot.county).map_or("", County::name),
        when: lang.tf("web.offices.date_at", &[("date", &date), ("time", &time)]),
        free: format::count(lang, "web.earliest.free", u64::from(slot.free)),
    }
}
