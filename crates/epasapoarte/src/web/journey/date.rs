//! Step 5, `/programare/data`: "Alegeți ziua" — the day ("Data"), grouped by week; only
//! days with a time that has room for everyone can be chosen, each showing its free
//! places. `?de_la=YYYY-MM-DD` pages through the office's window (a date is not personal).

use askama::Template;
use axum::extract::RawQuery;
use axum::response::Response;
use chrono::{Datelike, NaiveDate, Weekday};

use super::flow::{Ctx, Step};
use super::state::Journey;
use super::view::{field_error, field_message, status_for};
use crate::i18n::format::{count, date as long_date, day_month};
use crate::service::input::parse_date;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};
use crate::web::{FieldMessage, message_for};

mod calendar;

#[derive(Template)]
#[template(path = "web/journey/date.html")]
struct DatePage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    back: &'static str,
    title: &'static str,
    action: &'static str,
    hint: String,
    error: Option<String>,
    weeks: Vec<Week>,
    earlier: Option<String>,
    later: Option<String>,
    /// SPEC §8: the day drawn next, "tragere la sorți", with its deadline.
    draw: Option<String>,
}

struct Week {
    iso: chrono::IsoWeek,
    heading: String,
    days: Vec<Day>,
}

struct Day {
    id: String,
    value: String,
    label: String,
    seats: String,
    selectable: bool,
    checked: bool,
}

pub async fn show(
    page: Page,
    journey: Journey,
    RawQuery(query): RawQuery,
) -> Result<Response, Response> {
    let ctx = Ctx::open(page, journey, Step::Date).await?;
    let from = query
        .as_deref()
        .and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "de_la"))
        .and_then(|(_, v)| parse_date(&v));
    let selected = ctx.journey.date;
    render(ctx, selected, from, Vec::new()).await
}

pub async fn save(page: Page, journey: Journey, form: Form) -> Result<Response, Response> {
    let mut ctx = Ctx::open(page, journey, Step::Date).await?;
    let lang = ctx.page.chrome.lang;
    let posted = form.get("date");
    let Some(date) = parse_date(posted) else {
        let message = if posted.is_empty() {
            lang.t("web.journey.date.required").to_owned()
        } else {
            field_message(lang, "invalid_date")
        };
        return render(ctx, None, None, vec![field_error("date", &message)]).await;
    };
    let Some(office) = ctx.office.clone() else {
        return Ok(ctx.page.redirect(Step::Office.path()));
    };
    let persons = u16::from(ctx.journey.persons.unwrap_or(1));
    let days = match ctx
        .page
        .state
        .service
        .availability(&office, persons, date, date)
        .await
    {
        Ok(days) => days,
        Err(error) => return Err(ctx.fail(error)),
    };
    if days.is_empty() {
        let error = field_error("date", lang.t("web.journey.date.unavailable"));
        return render(ctx, Some(date), Some(date), vec![error]).await;
    }
    if ctx.journey.date != Some(date) {
        ctx.journey.date = Some(date);
        ctx.journey.time = None;
    }
    Ok(ctx.advance(Step::Date))
}

async fn render(
    ctx: Ctx,
    selected: Option<NaiveDate>,
    from: Option<NaiveDate>,
    errors: Vec<FieldMessage>,
) -> Result<Response, Response> {
    let chrome = ctx.page.chrome.clone();
    let lang = chrome.lang;
    let Some(office) = ctx.office.clone() else {
        return Ok(ctx.page.redirect(Step::Office.path()));
    };
    let persons = u16::from(ctx.journey.persons.unwrap_or(1));
    // Every slot of the window, full ones too, so full days can be marked.
    let all = match ctx
        .page
        .state
        .service
        .every_slot(&office, persons, NaiveDate::MIN, NaiveDate::MAX)
        .await
    {
        Ok(days) => calendar::summarize(&days),
        Err(error) => return Err(ctx.fail(error)),
    };
    let window = calendar::window(&all, from, selected);
    let weeks = weeks(lang, &window.days, selected);
    let hint = chrome.tf(
        "web.journey.date.hint",
        &[(
            "persons",
            &count(lang, "web.journey.persons_count", u64::from(persons)),
        )],
    );
    let draw = match ctx.page.state.service.open_draw().await {
        Ok(open) => open.map(|draw| {
            let (day, time) =
                crate::i18n::format::local(draw.closes_at, crate::i18n::format::ROMANIA);
            chrome.tf(
                "web.journey.date.draw",
                &[
                    ("date", &long_date(lang, draw.draw_date)),
                    (
                        "closes",
                        &format!(
                            "{}, {}",
                            long_date(lang, day),
                            crate::i18n::format::clock(time)
                        ),
                    ),
                ],
            )
        }),
        Err(error) => return Err(ctx.fail(error)),
    };
    let template = DatePage {
        draw,
        title: chrome.t("web.journey.date.title"),
        back: ctx.back(Step::Date),
        action: Step::Date.path(),
        hint,
        error: message_for(&errors, "date").map(str::to_owned),
        weeks,
        earlier: window
            .earlier
            .map(|d| format!("{}?de_la={d}", Step::Date.path())),
        later: window
            .later
            .map(|d| format!("{}?de_la={d}", Step::Date.path())),
        errors,
        chrome,
    };
    Ok(ctx
        .page
        .render_status(status_for(&template.errors), template))
}

/// The window's days grouped by ISO week; the first selectable day carries the id the
/// error summary links to.
fn weeks(
    lang: crate::i18n::Lang,
    days: &[calendar::DaySeats],
    selected: Option<NaiveDate>,
) -> Vec<Week> {
    let mut weeks: Vec<Week> = Vec::new();
    let mut first = true;
    for seats in days {
        let value = seats.date.to_string();
        let id = if seats.selectable && first {
            "date".to_owned()
        } else {
            format!("date-{value}")
        };
        first &= !seats.selectable;
        let label = if seats.selectable {
            count(lang, "web.journey.seats", u64::from(seats.free))
        } else if seats.free == 0 {
            lang.t("web.journey.date.full").to_owned()
        } else {
            lang.t("web.journey.date.too_few").to_owned()
        };
        let day = Day {
            id,
            label: long_date(lang, seats.date),
            seats: label,
            selectable: seats.selectable,
            checked: Some(seats.date) == selected,
            value,
        };
        let iso = seats.date.iso_week();
        match weeks.last_mut() {
            Some(week) if week.iso == iso => week.days.push(day),
            _ => weeks.push(Week {
                iso,
                heading: week_heading(lang, seats.date),
                days: vec![day],
            }),
        }
    }
    weeks
}

/// "Săptămâna 30 noiembrie – 6 decembrie": Monday to Sunday of the day's ISO week.
fn week_heading(lang: crate::i18n::Lang, date: NaiveDate) -> String {
    let week = date.iso_week();
    let monday = NaiveDate::from_isoywd_opt(week.year(), week.week(), Weekday::Mon).unwrap_or(date);
    let sunday = NaiveDate::from_isoywd_opt(week.year(), week.week(), Weekday::Sun).unwrap_or(date);
    lang.tf(
        "web.journey.date.week",
        &[
            ("start", &day_month(lang, monday)),
            ("end", &day_month(lang, sunday)),
        ],
    )
}
