//! `/admin/birouri/{office}/exceptii`: date exceptions — closed all day, or special hours
//! (one or more intervals, e.g. 24 and 31 December 08:30–16:30). Public holidays close
//! by themselves (domain calendar) and need no exception. One exception per date: to
//! change one, remove it and add it again. Dates before today (office-local) are refused.
//! Adding or removing re-plans the future slots like a change of weekly hours.

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use epasapoarte_domain::schedule::{
    BookingWindow, DateException, ExceptionHours, IntervalPlace, Schedule, ScheduleError,
};
use serde_json::{Value, json};

use super::{COLUMNS, IntervalRow, event, interval_json, message, messages, office_or_answer};
use crate::i18n::Lang;
use crate::i18n::format;
use crate::ids::OfficeId;
use crate::store::OfficeRecord;
use crate::web::FieldMessage;
use crate::web::admin::frame::StaffBar;
use crate::web::admin::guard::Staff;
use crate::web::form::Form;
use crate::web::message_for;
use crate::web::page::{Chrome, Page};
use crate::web::pages::problem;

/// Interval rows on the add form.
const ROWS: usize = 3;

#[derive(Template)]
#[template(path = "web/admin/setup/exceptions.html")]
struct ExceptionsPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    office_id: OfficeId,
    name: String,
    saved: bool,
    errors: Vec<FieldMessage>,
    /// (ISO date, shown date, hours)
    existing: Vec<(String, String, String)>,
    date: String,
    kind: String,
    rows: Vec<IntervalRow>,
    columns: [(&'static str, &'static str); 4],
}

impl ExceptionsPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

/// What the add form holds, to show it again.
struct Posted {
    date: String,
    kind: String,
    rows: Vec<IntervalRow>,
}

impl Posted {
    fn empty() -> Posted {
        Posted {
            date: String::new(),
            kind: String::new(),
            rows: (0..ROWS)
                .map(|i| IntervalRow {
                    prefix: format!("x-{i}"),
                    ..IntervalRow::default()
                })
                .collect(),
        }
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
    render(page, &staff, &office, Posted::empty(), saved, Vec::new()).await
}

pub async fn add(page: Page, staff: Staff, Path(office): Path<OfficeId>, form: Form) -> Response {
    let (page, office) = match office_or_answer(page, office).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let lang = page.chrome.lang;
    let posted = Posted {
        date: form.get("date").to_owned(),
        kind: form.get("kind").to_owned(),
        rows: (0..ROWS)
            .map(|i| IntervalRow::read(&form, format!("x-{i}")))
            .collect(),
    };
    let today = BookingWindow::new(page.state.service.now()).first_date(office.timezone);
    let (exception, origins) = match read_exception(lang, &posted, today) {
        Ok(read) => read,
        Err(errors) => return render(page, &staff, &office, posted, false, errors).await,
    };
    if let Some(holiday) = office.schedule.would_open_a_holiday(&exception) {
        let text = lang.tf(
            "admin.setup.error_holiday_opened",
            &[
                ("date", &crate::i18n::format::date(lang, holiday.date)),
                ("holiday", lang.t(holiday.kind.key())),
            ],
        );
        let errors = vec![field("date", text)];
        return render(page, &staff, &office, posted, false, errors).await;
    }
    let mut exceptions = office.schedule.exceptions().to_vec();
    exceptions.push(exception.clone());
    let schedule = match Schedule::new(office.schedule.weekly().collect(), exceptions) {
        Ok(schedule) => schedule.with_holiday_rule(office.schedule.holiday_rule()),
        Err(error) => {
            let errors = vec![schedule_error(lang, &error, &origins)];
            return render(page, &staff, &office, posted, false, errors).await;
        }
    };
    let service = &page.state.service;
    let entry = event(&staff, "office.exception_added", office.id)
        .target(format!("office:{}", office.id))
        .after(exception_json(&exception));
    if let Err(error) = service
        .add_office_exception(&office, &exception, &schedule, entry)
        .await
    {
        return problem::failed(page, error);
    }
    let back = format!("/admin/birouri/{}/exceptii", office.id);
    super::replan::after_change(page, office.id, &back).await
}

/// Where each special interval came from: its start, the id of its start field, and its
/// place in words ("Intervalul 2") for the messages.
type Origins = Vec<(chrono::NaiveTime, String, String)>;

/// The posted exception, or the messages that say what is wrong with it.
fn read_exception(
    lang: Lang,
    posted: &Posted,
    today: NaiveDate,
) -> Result<(DateException, Origins), Vec<FieldMessage>> {
    let mut errors = Vec::new();
    let date = match NaiveDate::parse_from_str(&posted.date, "%Y-%m-%d") {
        Ok(date) if date < today => {
            errors.push(field("date", message(lang, "", "date_past")));
            None
        }
        Ok(date) => Some(date),
        Err(_) => {
            errors.push(field("date", message(lang, "", "date_invalid")));
            None
        }
    };
    let mut intervals = Vec::new();
    let mut origins = Vec::new();
    let hours = match posted.kind.as_str() {
        "closed" => Some(ExceptionHours::Closed),
        "special" => {
            for (i, row) in posted
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| !r.is_empty())
            {
                let place = lang.tf("admin.setup.interval_n", &[("n", &(i + 1).to_string())]);
                match row.parse() {
                    Ok(interval) => {
                        intervals.push(interval);
                        origins.push((interval.start, row.id("start"), place));
                    }
                    Err(problems) => errors.extend(messages(lang, &place, problems)),
                }
            }
            Some(ExceptionHours::Special(intervals))
        }
        _ => {
            errors.push(field("kind-closed", message(lang, "", "kind_missing")));
            None
        }
    };
    match (date, hours, errors.is_empty()) {
        (Some(date), Some(hours), true) => Ok((DateException { date, hours }, origins)),
        _ => Err(errors),
    }
}

/// The message of a schedule the new exception would break, beside the field to blame.
fn schedule_error(lang: Lang, error: &ScheduleError, origins: &Origins) -> FieldMessage {
    let (id, place) = match error {
        ScheduleError::DuplicateException { .. } => ("date".to_owned(), String::new()),
        ScheduleError::IntervalsOverlap {
            at: IntervalPlace::Exception(_),
            second,
            ..
        } => origins
            .iter()
            .find(|(start, _, _)| start == second)
            .map(|(_, id, place)| (id.clone(), place.clone()))
            .unwrap_or_else(|| ("x-0-start".to_owned(), String::new())),
        _ => ("x-0-start".to_owned(), String::new()),
    };
    field(&id, message(lang, &place, error.code()))
}

pub async fn remove(
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
    let Ok(date) = NaiveDate::parse_from_str(form.get("date"), "%Y-%m-%d") else {
        let errors = vec![field("exceptions", message(lang, "", "date_invalid"))];
        return render(page, &staff, &office, Posted::empty(), false, errors).await;
    };
    let Some(existing) = office
        .schedule
        .exceptions()
        .iter()
        .find(|e| e.date == date)
        .cloned()
    else {
        return problem::not_found(page);
    };
    let entry = event(&staff, "office.exception_removed", office.id)
        .target(format!("office:{}", office.id))
        .before(exception_json(&existing));
    match page
        .state
        .service
        .remove_office_exception(&office, date, entry)
        .await
    {
        Ok(true) => {}
        Ok(false) => return problem::not_found(page),
        Err(error) => return problem::failed(page, error),
    }
    let back = format!("/admin/birouri/{}/exceptii", office.id);
    super::replan::after_change(page, office.id, &back).await
}

fn field(id: &str, message: String) -> FieldMessage {
    FieldMessage {
        id: id.to_owned(),
        message,
    }
}

fn exception_json(exception: &DateException) -> Value {
    match &exception.hours {
        ExceptionHours::Closed => json!({"date": exception.date.to_string(), "closed": true}),
        ExceptionHours::Special(intervals) => json!({
            "date": exception.date.to_string(),
            "closed": false,
            "intervals": intervals.iter().map(interval_json).collect::<Vec<_>>(),
        }),
    }
}

fn hours_text(lang: Lang, hours: &ExceptionHours) -> String {
    match hours {
        ExceptionHours::Closed => lang.t("admin.setup.closed").to_owned(),
        ExceptionHours::Special(intervals) => intervals
            .iter()
            .map(|i| {
                lang.tf(
                    "admin.setup.interval_text",
                    &[
                        ("start", &format::clock(i.start)),
                        ("end", &format::clock(i.end)),
                        ("minutes", &i.slot_minutes.to_string()),
                        ("counters", &i.counters.to_string()),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

async fn render(
    page: Page,
    staff: &Staff,
    office: &OfficeRecord,
    posted: Posted,
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
    let existing = office
        .schedule
        .exceptions()
        .iter()
        .map(|e| {
            (
                e.date.to_string(),
                format::date(lang, e.date),
                hours_text(lang, &e.hours),
            )
        })
        .collect();
    page.render_status(
        status,
        ExceptionsPage {
            chrome,
            staff: Some(bar),
            office_id: office.id,
            name: office.name.clone(),
            saved,
            errors,
            existing,
            date: posted.date,
            kind: posted.kind,
            rows: posted.rows,
            columns: COLUMNS,
        },
    )
}
