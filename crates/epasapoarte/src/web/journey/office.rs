//! Step 2, `/programare/birou`: "La ce birou?" — the office ("Locație") among the county's
//! offices, each with its address, its next free date, and its time zone when abroad.

use askama::Template;
use axum::response::Response;
use chrono::NaiveDate;

use super::flow::{Ctx, Step};
use super::state::Journey;
use super::view::{Radios, field_error, status_for};
use crate::i18n::format::{ROMANIA, date as long_date};
use crate::store::{OfficeRecord, StoreError};
use crate::web::FieldMessage;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};

#[derive(Template)]
#[template(path = "web/journey/office.html")]
struct OfficePage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    back: &'static str,
    title: &'static str,
    action: &'static str,
    radios: Radios,
}

pub async fn show(page: Page, journey: Journey) -> Result<Response, Response> {
    let ctx = Ctx::open(page, journey, Step::Office).await?;
    let selected = ctx
        .journey
        .office_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    render(ctx, &selected, Vec::new()).await
}

pub async fn save(page: Page, journey: Journey, form: Form) -> Result<Response, Response> {
    let mut ctx = Ctx::open(page, journey, Step::Office).await?;
    let posted = form.get("office_id").to_owned();
    let offices = match county_offices(&ctx).await {
        Ok(offices) => offices,
        Err(error) => return Err(ctx.fail(error)),
    };
    let Some(office) = offices.into_iter().find(|o| o.id.to_string() == posted) else {
        let key = if posted.is_empty() {
            "web.journey.office.required"
        } else {
            "field.unknown_office"
        };
        let error = field_error("office_id", ctx.page.chrome.t(key));
        return render(ctx, &posted, vec![error]).await;
    };
    if ctx.journey.office_id != Some(office.id) {
        // Slots belong to an office: a new office needs a new date and time.
        ctx.journey.office_id = Some(office.id);
        ctx.journey.date = None;
        ctx.journey.time = None;
    }
    ctx.office = Some(office);
    Ok(ctx.advance(Step::Office))
}

/// The chosen county's offices.
async fn county_offices(ctx: &Ctx) -> Result<Vec<OfficeRecord>, StoreError> {
    let county = ctx.journey.county.clone().unwrap_or_default();
    let offices = ctx.page.state.service.directory.offices().await?;
    Ok(offices
        .iter()
        .filter(|office| office.county_code.eq_ignore_ascii_case(&county))
        .cloned()
        .collect())
}

async fn render(ctx: Ctx, selected: &str, errors: Vec<FieldMessage>) -> Result<Response, Response> {
    let chrome = ctx.page.chrome.clone();
    let lang = chrome.lang;
    let offices = match county_offices(&ctx).await {
        Ok(offices) => offices,
        Err(error) => return Err(ctx.fail(error)),
    };
    let persons = u16::from(ctx.journey.persons.unwrap_or(1));
    let mut radios = Radios::new("office_id", chrome.t("web.journey.office.label"), &errors);
    for office in &offices {
        let first = match ctx
            .page
            .state
            .service
            .availability(office, persons, NaiveDate::MIN, NaiveDate::MAX)
            .await
        {
            Ok(days) => days.first().map(|day| day.date),
            Err(error) => return Err(ctx.fail(error)),
        };
        let mut hints = vec![office.address.clone()];
        hints.push(match first {
            Some(date) => lang.tf(
                "web.journey.office.next_free",
                &[("date", &long_date(lang, date))],
            ),
            None => lang.t("web.journey.office.none_free").to_owned(),
        });
        if office.timezone != ROMANIA {
            hints.push(lang.tf(
                "web.journey.office.zone",
                &[("zone", office.timezone.name())],
            ));
        }
        radios.push(&office.id.to_string(), office.name.clone(), hints, selected);
    }
    let template = OfficePage {
        title: chrome.t("web.journey.office.title"),
        back: ctx.back(Step::Office),
        action: Step::Office.path(),
        radios,
        errors,
        chrome,
    };
    Ok(ctx
        .page
        .render_status(status_for(&template.errors), template))
}
