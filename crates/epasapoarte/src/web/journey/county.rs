//! Step 1, `/programare`: "În ce județ doriți să depuneți cererea?" — the county ("Județ"),
//! a select of the 42 counties. The choice is remembered in the journey.

use askama::Template;
use axum::extract::RawQuery;
use axum::response::Response;
use epasapoarte_domain::county::{COUNTIES, County};

use super::flow::{Ctx, Step};
use super::state::Journey;
use super::view::{Choice, TextField, field_error, status_for};
use crate::ids::OfficeId;
use crate::web::FieldMessage;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};

#[derive(Template)]
#[template(path = "web/journey/county.html")]
struct CountyPage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    back: &'static str,
    title: &'static str,
    action: &'static str,
    field: TextField,
    options: Vec<Choice>,
}

pub async fn show(
    page: Page,
    journey: Journey,
    RawQuery(query): RawQuery,
) -> Result<Response, Response> {
    let mut ctx = Ctx::open(page, journey, Step::County).await?;
    // `/programare?birou=ID`: the "book here" links of /birouri start with that office
    // chosen (county and office answered; the day and time are asked again).
    if let Some(office) = office_from_query(&ctx, query.as_deref()).await {
        ctx.journey.county = Some(office.county_code.clone());
        ctx.journey.office_id = Some(office.id);
        ctx.journey.date = None;
        ctx.journey.time = None;
        // From the earliest search (issue 12): the service and the number of persons it
        // searched for come along, when this office takes them.
        let param = |name: &str| {
            form_urlencoded::parse(query.as_deref().unwrap_or_default().as_bytes())
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.into_owned())
        };
        if let Some(service) = param("serviciu")
            .and_then(|text| crate::service::input::parse_service(&text))
            .filter(|service| office.services.contains(service))
        {
            ctx.journey.service = Some(service.as_str().to_owned());
        }
        if let Some(persons) = param("persoane")
            .and_then(|text| text.parse::<u8>().ok())
            .filter(|n| (1..=office.max_persons).contains(n))
        {
            ctx.journey.persons = Some(persons);
        }
        ctx.office = Some(office);
        return Ok(ctx.advance(Step::Office));
    }
    let selected = ctx.journey.county.clone().unwrap_or_default();
    Ok(render(ctx, &selected, Vec::new()))
}

pub async fn save(page: Page, journey: Journey, form: Form) -> Result<Response, Response> {
    let mut ctx = Ctx::open(page, journey, Step::County).await?;
    let posted = form.get("county");
    let Some(county) = County::by_code(posted) else {
        let key = if posted.is_empty() {
            "web.journey.county.required"
        } else {
            "field.unknown_county"
        };
        let error = field_error("county", ctx.page.chrome.t(key));
        return Ok(render(ctx, posted, vec![error]));
    };
    ctx.journey.county = Some(county.code().to_owned());
    // An office belongs to one county: another county needs another office, and its slots.
    if ctx
        .office
        .as_ref()
        .is_some_and(|office| !office.county_code.eq_ignore_ascii_case(county.code()))
    {
        ctx.office = None;
        ctx.journey.office_id = None;
        ctx.journey.date = None;
        ctx.journey.time = None;
    }
    Ok(ctx.advance(Step::County))
}

async fn office_from_query(ctx: &Ctx, query: Option<&str>) -> Option<crate::store::OfficeRecord> {
    let id = form_urlencoded::parse(query?.as_bytes())
        .find(|(key, _)| key == "birou")
        .and_then(|(_, value)| value.parse::<OfficeId>().ok())?;
    ctx.page
        .state
        .service
        .directory
        .office(id)
        .await
        .ok()
        .flatten()
}

fn render(ctx: Ctx, selected: &str, errors: Vec<FieldMessage>) -> Response {
    let chrome = ctx.page.chrome.clone();
    let options = COUNTIES
        .iter()
        .map(|county| Choice {
            id: String::new(),
            value: county.code().to_owned(),
            label: county.name().to_owned(),
            hints: Vec::new(),
            checked: county.code().eq_ignore_ascii_case(selected),
        })
        .collect();
    let field = TextField::new(
        "county",
        chrome.t("web.journey.county.label"),
        selected,
        &errors,
    );
    let template = CountyPage {
        title: chrome.t("web.journey.county.title"),
        back: ctx.back(Step::County),
        action: Step::County.path(),
        field,
        options,
        errors,
        chrome,
    };
    ctx.page
        .render_status(status_for(&template.errors), template)
}
