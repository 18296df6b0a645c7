//! Step 4, `/programare/persoane`: "Pentru câte persoane faceți programarea?" — the number
//! of persons ("Numărul de persoane programate"), 1 to the office's maximum. A change keeps
//! the chosen day and time only while they still have room for everyone.

use askama::Template;
use axum::response::Response;

use super::flow::{Ctx, Step};
use super::state::Journey;
use super::view::{Radios, field_error, field_message, first_message, status_for};
use crate::service::BookingService;
use crate::store::OfficeRecord;
use crate::web::FieldMessage;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};

#[derive(Template)]
#[template(path = "web/journey/persons.html")]
struct PersonsPage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    back: &'static str,
    title: &'static str,
    action: &'static str,
    radios: Radios,
}

pub async fn show(page: Page, journey: Journey) -> Result<Response, Response> {
    let (ctx, office) = Ctx::open_with_office(page, journey, Step::Persons).await?;
    let selected = ctx
        .journey
        .persons
        .map(|n| n.to_string())
        .unwrap_or_default();
    Ok(render(ctx, &office, &selected, Vec::new()))
}

pub async fn save(page: Page, journey: Journey, form: Form) -> Result<Response, Response> {
    let (mut ctx, office) = Ctx::open_with_office(page, journey, Step::Persons).await?;
    let posted = form.get("persons");
    let lang = ctx.page.chrome.lang;
    let Some(service) = ctx.journey.service() else {
        return Ok(ctx.page.redirect(Step::Service.path()));
    };
    let message = match posted.parse::<u8>() {
        _ if posted.is_empty() => lang.t("web.journey.persons.required").to_owned(),
        Ok(n) => match BookingService::check_office_accepts(&office, service, usize::from(n)) {
            Ok(()) => {
                if let Err(error) = keep_what_still_fits(&mut ctx, n).await {
                    return Err(ctx.fail(error));
                }
                return Ok(ctx.advance(Step::Persons));
            }
            Err(errors) => first_message(lang, &errors),
        },
        Err(_) => field_message(lang, "invalid_number"),
    };
    Ok(render(
        ctx,
        &office,
        posted,
        vec![field_error("persons", &message)],
    ))
}

/// Records the new count; drops the time (and the day) when they lack room for it, and
/// the extra persons beyond it.
async fn keep_what_still_fits(
    ctx: &mut Ctx,
    persons: u8,
) -> Result<(), crate::service::ServiceError> {
    if ctx.journey.persons != Some(persons) {
        if let (Some(office), Some(date)) = (&ctx.office, ctx.journey.date) {
            let days = ctx
                .page
                .state
                .service
                .availability(office, u16::from(persons), date, date)
                .await?;
            let fits = |time| days.iter().flat_map(|d| &d.slots).any(|s| s.time == time);
            if !ctx.journey.time.is_some_and(fits) {
                ctx.journey.time = None;
            }
            if days.is_empty() {
                ctx.journey.date = None;
            }
        }
        ctx.journey.persons = Some(persons);
    }
    ctx.journey
        .companions
        .truncate(usize::from(persons).saturating_sub(1));
    Ok(())
}

fn render(ctx: Ctx, office: &OfficeRecord, selected: &str, errors: Vec<FieldMessage>) -> Response {
    let chrome = ctx.page.chrome.clone();
    let max = office.max_persons;
    let hint = chrome.tf("web.journey.persons.hint", &[("max", &max.to_string())]);
    let mut radios =
        Radios::new("persons", chrome.t("web.journey.persons.label"), &errors).hint(hint);
    for n in 1..=max {
        let value = n.to_string();
        radios.push(&value, value.clone(), Vec::new(), selected);
    }
    let template = PersonsPage {
        title: chrome.t("web.journey.persons.title"),
        back: ctx.back(Step::Persons),
        action: Step::Persons.path(),
        radios,
        errors,
        chrome,
    };
    ctx.page
        .render_status(status_for(&template.errors), template)
}
