//! Step 6, `/programare/ora`: "Alegeți ora" — the time ("Ora") on the chosen day, among the
//! times with room for everyone, in the office's clock ("ora României", or the local zone
//! of an office abroad). A time taken just before saving leads back here with a notice.

use askama::Template;
use axum::response::Response;
use chrono::NaiveTime;

use super::flow::{Ctx, Step};
use super::state::{Journey, Notice};
use super::view::{Choice, Radios, field_error, field_message, status_for};
use crate::i18n::format::{clock, count, date as long_date, zone_in_text};
use crate::service::input::parse_time;
use crate::web::FieldMessage;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};

#[derive(Template)]
#[template(path = "web/journey/time.html")]
struct TimePage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    back: &'static str,
    title: &'static str,
    action: &'static str,
    day: String,
    radios: Radios,
    /// The same choices by part of the day: (heading, choices).
    parts: Vec<(String, Vec<Choice>)>,
    /// Said once when some time seats the family over consecutive slots (issue 12).
    together: Option<String>,
}

pub async fn show(page: Page, journey: Journey) -> Result<Response, Response> {
    let mut ctx = Ctx::open(page, journey, Step::Time).await?;
    let mut errors = Vec::new();
    if ctx.journey.notice.take() == Some(Notice::SlotTaken) {
        // Shown once: the notice leaves the cookie with this page.
        errors.push(field_error(
            "time",
            ctx.page.chrome.t("web.journey.time.taken"),
        ));
        ctx.journey.store(&mut ctx.page);
    }
    let selected = ctx.journey.time;
    render(ctx, selected.map(clock).unwrap_or_default(), errors).await
}

pub async fn save(page: Page, journey: Journey, form: Form) -> Result<Response, Response> {
    let mut ctx = Ctx::open(page, journey, Step::Time).await?;
    let lang = ctx.page.chrome.lang;
    let posted = form.get("time").to_owned();
    let Some(time) = parse_time(&posted) else {
        let message = if posted.is_empty() {
            lang.t("web.journey.time.required").to_owned()
        } else {
            field_message(lang, "invalid_time")
        };
        return render(ctx, posted, vec![field_error("time", &message)]).await;
    };
    match free_times(&ctx).await {
        Ok(times) if times.iter().any(|(t, _, _)| *t == time) => {
            ctx.journey.time = Some(time);
            Ok(ctx.advance(Step::Time))
        }
        Ok(_) => {
            let error = field_error("time", lang.t("web.journey.time.unavailable"));
            render(ctx, posted, vec![error]).await
        }
        Err(error) => Err(ctx.fail(error)),
    }
}

/// The chosen day's times with room for everyone, their free places, and over how many
/// consecutive slots the family would be seated from each.
async fn free_times(ctx: &Ctx) -> Result<Vec<(NaiveTime, u16, u16)>, crate::service::ServiceError> {
    let (Some(office), Some(date)) = (&ctx.office, ctx.journey.date) else {
        return Ok(Vec::new());
    };
    let persons = u16::from(ctx.journey.persons.unwrap_or(1));
    let days = ctx
        .page
        .state
        .service
        .availability(office, persons, date, date)
        .await?;
    Ok(days
        .iter()
        .flat_map(|day| &day.slots)
        .map(|slot| (slot.time, slot.span_free, slot.span))
        .collect())
}

async fn render(
    ctx: Ctx,
    selected: String,
    errors: Vec<FieldMessage>,
) -> Result<Response, Response> {
    let chrome = ctx.page.chrome.clone();
    let lang = chrome.lang;
    let Some(office) = ctx.office.clone() else {
        return Ok(ctx.page.redirect(Step::Office.path()));
    };
    let times = match free_times(&ctx).await {
        Ok(times) => times,
        Err(error) => return Err(ctx.fail(error)),
    };
    let zone = zone_in_text(lang, office.timezone);
    let hint = chrome.tf("web.journey.time.hint", &[("zone", &zone)]);
    let mut radios = Radios::new("time", chrome.t("web.journey.time.label"), &errors).hint(hint);
    // A family seated over consecutive slots (issue 12) comes at the first: said once,
    // and each such time says over how many.
    let together = times
        .iter()
        .any(|(_, _, span)| *span > 1)
        .then(|| chrome.t("web.journey.time.together").to_owned());
    for (time, free, span) in times {
        let mut hints = vec![count(lang, "web.journey.seats", u64::from(free))];
        if span > 1 {
            hints.push(chrome.tf("web.journey.time.span", &[("n", &span.to_string())]));
        }
        radios.push(&clock(time), clock(time), hints, &selected);
    }
    let day = ctx
        .journey
        .date
        .map(|d| long_date(lang, d))
        .unwrap_or_default();
    // A day holds up to ~40 times: grouped into morning and afternoon (issue 12), each a
    // grid, rather than one long column on a phone.
    let (morning, afternoon): (Vec<_>, Vec<_>) = radios
        .choices
        .iter()
        .cloned()
        .partition(|choice| choice.value.as_str() < "12:00");
    let parts = [
        (chrome.t("web.journey.time.morning"), morning),
        (chrome.t("web.journey.time.afternoon"), afternoon),
    ]
    .into_iter()
    .filter(|(_, choices)| !choices.is_empty())
    .map(|(heading, choices)| (heading.to_owned(), choices))
    .collect();
    let template = TimePage {
        parts,
        title: chrome.t("web.journey.time.title"),
        back: ctx.back(Step::Time),
        action: Step::Time.path(),
        day: chrome.tf("web.journey.time.day", &[("date", &day)]),
        radios,
        together,
        errors,
        chrome,
    };
    Ok(ctx
        .page
        .render_status(status_for(&template.errors), template))
}
