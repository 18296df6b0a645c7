//! `/admin/birouri/{office}/program`: the weekly intervals. Without JavaScript the form
//! has a few rows per weekday (the existing intervals plus an empty one, at least two);
//! empty rows are ignored, and each row is checked by the domain's rules (end after
//! start, 5–240-minute slots that divide the interval, 1–100 counters, no overlaps).
//! Saving re-plans the future slots; bookings that no longer fit go to `replanificare`.

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{NaiveTime, Weekday};
use epasapoarte_domain::schedule::{IntervalPlace, OpeningInterval, Schedule, ScheduleError};

use super::{COLUMNS, IntervalRow, event, message, messages, office_or_answer};
use crate::i18n::{Lang, format};
use crate::ids::OfficeId;
use crate::web::FieldMessage;
use crate::web::admin::frame::StaffBar;
use crate::web::admin::guard::Staff;
use crate::web::form::Form;
use crate::web::message_for;
use crate::web::page::{Chrome, Page};
use crate::web::pages::problem;

/// The most rows of one weekday a posted form is read for.
const MAX_ROWS: usize = 12;

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

#[derive(Template)]
#[template(path = "web/admin/setup/hours.html")]
struct HoursPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    office_id: OfficeId,
    name: String,
    saved: bool,
    errors: Vec<FieldMessage>,
    days: Vec<DayRows>,
    columns: [(&'static str, &'static str); 4],
}

struct DayRows {
    /// ISO number, 1 = Monday.
    number: u32,
    name: String,
    rows: Vec<IntervalRow>,
}

impl HoursPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
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
    let lang = page.chrome.lang;
    let days = WEEK
        .iter()
        .map(|weekday| {
            let number = weekday.number_from_monday();
            let mut rows: Vec<IntervalRow> = office
                .schedule
                .weekly()
                .filter(|opening| opening.weekday == *weekday)
                .enumerate()
                .map(|(i, opening)| IntervalRow::of(prefix(number, i), &opening.interval()))
                .collect();
            let wanted = (rows.len() + 1).max(2);
            while rows.len() < wanted {
                rows.push(IntervalRow {
                    prefix: prefix(number, rows.len()),
                    ..IntervalRow::default()
                });
            }
            DayRows {
                number,
                name: format::capitalised(format::weekday(lang, *weekday)),
                rows,
            }
        })
        .collect();
    let saved = query.is_some_and(|q| q.contains("salvat"));
    render(
        page,
        &staff,
        office.id,
        office.name,
        days,
        saved,
        Vec::new(),
    )
    .await
}

pub async fn submit(
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
    let posted = read_week(lang, &form);
    let mut errors = posted.errors;
    if errors.is_empty() && posted.weekly.is_empty() {
        errors.push(FieldMessage {
            id: prefix(1, 0) + "-start",
            message: message(lang, "", "no_hours"),
        });
    }
    let schedule = if errors.is_empty() {
        match Schedule::new(posted.weekly, office.schedule.exceptions().to_vec()) {
            Ok(schedule) => Some(schedule.with_holiday_rule(office.schedule.holiday_rule())),
            Err(error) => {
                errors.push(schedule_error(lang, &error, &posted.origins));
                None
            }
        }
    } else {
        None
    };
    let Some(schedule) = schedule else {
        let days = posted.days;
        return render(page, &staff, office.id, office.name, days, false, errors).await;
    };
    let service = &page.state.service;
    let entry = event(&staff, "office.hours_saved", office.id)
        .target(format!("office:{}", office.id))
        .before(super::weekly_json(&office.schedule))
        .after(super::weekly_json(&schedule));
    if let Err(error) = service.save_weekly_hours(&office, &schedule, entry).await {
        return problem::failed(page, error);
    }
    let back = format!("/admin/birouri/{}/program", office.id);
    super::replan::after_change(page, office.id, &back).await
}

/// (weekday, start) → (id of the start input, place), to point at an overlap.
type Origins = Vec<(Weekday, NaiveTime, String, String)>;

/// The week as posted: its intervals, the rows to show again, and what is wrong.
struct PostedWeek {
    weekly: Vec<OpeningInterval>,
    origins: Origins,
    days: Vec<DayRows>,
    errors: Vec<FieldMessage>,
}

fn read_week(lang: Lang, form: &Form) -> PostedWeek {
    let mut week = PostedWeek {
        weekly: Vec::new(),
        origins: Vec::new(),
        days: Vec::new(),
        errors: Vec::new(),
    };
    for weekday in WEEK {
        let number = weekday.number_from_monday();
        let day_name = format::capitalised(format::weekday(lang, weekday));
        let count = form
            .get(&format!("n-{number}"))
            .parse::<usize>()
            .unwrap_or(2)
            .clamp(1, MAX_ROWS);
        let rows: Vec<IntervalRow> = (0..count)
            .map(|i| IntervalRow::read(form, prefix(number, i)))
            .collect();
        for (i, row) in rows.iter().enumerate().filter(|(_, row)| !row.is_empty()) {
            let place = lang.tf(
                "admin.setup.place",
                &[("day", &day_name), ("n", &(i + 1).to_string())],
            );
            match row.parse() {
                Ok(interval) => {
                    week.weekly.push(OpeningInterval::on(weekday, interval));
                    week.origins
                        .push((weekday, interval.start, row.id("start"), place));
                }
                Err(problems) => week.errors.extend(messages(lang, &place, problems)),
            }
        }
        week.days.push(DayRows {
            number,
            name: day_name,
            rows,
        });
    }
    week
}

/// The message of a week the schedule refuses, beside the field to blame.
fn schedule_error(lang: Lang, error: &ScheduleError, origins: &Origins) -> FieldMessage {
    let (id, place) = match error {
        ScheduleError::IntervalsOverlap {
            at: IntervalPlace::Weekly(day),
            second,
            ..
        } => origins
            .iter()
            .find(|(d, start, _, _)| d == day && start == second)
            .map(|(_, _, id, place)| (id.clone(), place.clone()))
            .unwrap_or_else(|| (prefix(1, 0) + "-start", String::new())),
        _ => (prefix(1, 0) + "-start", String::new()),
    };
    FieldMessage {
        id,
        message: message(lang, &place, error.code()),
    }
}

fn prefix(day: u32, row: usize) -> String {
    format!("h{day}-{row}")
}

async fn render(
    page: Page,
    staff: &Staff,
    office_id: OfficeId,
    name: String,
    days: Vec<DayRows>,
    saved: bool,
    errors: Vec<FieldMessage>,
) -> Response {
    let chrome = page.chrome.clone();
    let bar = StaffBar::of(&page.state, chrome.lang, staff).await;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page.render_status(
        status,
        HoursPage {
            chrome,
            staff: Some(bar),
            office_id,
            name,
            saved,
            errors,
            days,
            columns: COLUMNS,
        },
    )
}
