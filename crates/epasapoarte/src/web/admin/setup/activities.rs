//! `/admin/birouri/{office}/program-activitati` (issue 12 item 9): the office's hours for
//! handing out passports and certificates and for public relations, one interval per
//! weekday (both empty = closed), as seed 004's page lists them. Until a manager saves
//! them, the public page shows the application hours for both. Saved with an audit line.

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Weekday;
use epasapoarte_domain::schedule::{ActivityDay, OfficeActivity, activity_day};
use serde_json::json;

use super::{event, office_or_answer};
use crate::i18n::format;
use crate::ids::OfficeId;
use crate::service::input::parse_time;
use crate::store::OfficeRecord;
use crate::web::FieldMessage;
use crate::web::admin::frame::StaffBar;
use crate::web::admin::guard::Staff;
use crate::web::form::Form;
use crate::web::message_for;
use crate::web::page::{Chrome, Page};
use crate::web::pages::problem;

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
#[template(path = "web/admin/setup/activities.html")]
struct ActivitiesPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    errors: Vec<FieldMessage>,
    office_id: OfficeId,
    name: String,
    saved: bool,
    groups: Vec<Group>,
}

impl ActivitiesPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

struct Group {
    legend: &'static str,
    rows: Vec<DayRow>,
}

struct DayRow {
    day: &'static str,
    /// Start and end: (input id `pickup-1-start`, label key, value).
    fields: Vec<(String, &'static str, String)>,
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
    let hours = match page.state.service.store.activity_hours().await {
        Ok(hours) => hours,
        Err(error) => return problem::failed(page, error),
    };
    let typed = |activity: OfficeActivity, weekday: Weekday| -> (String, String) {
        hours
            .of(office.id, activity)
            .unwrap_or_default()
            .iter()
            .find(|day| day.weekday == weekday)
            .map(|day| (format::clock(day.start), format::clock(day.end)))
            .unwrap_or_default()
    };
    let saved = query.as_deref().is_some_and(|q| q.contains("salvat=1"));
    let groups = groups(&page, typed);
    render(
        page,
        &staff,
        &office,
        StatusCode::OK,
        Vec::new(),
        saved,
        groups,
    )
    .await
}

pub async fn save(page: Page, staff: Staff, Path(office): Path<OfficeId>, form: Form) -> Response {
    let (page, office) = match office_or_answer(page, office).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let lang = page.chrome.lang;
    let mut days: Vec<ActivityDay> = Vec::new();
    let mut errors = Vec::new();
    for activity in OfficeActivity::ALL {
        for weekday in WEEK {
            let id = row_id(activity, weekday);
            let (start_text, end_text) = (
                form.get(&format!("{id}-start")).trim(),
                form.get(&format!("{id}-end")).trim(),
            );
            let time = |text: &str, field: &str, errors: &mut Vec<FieldMessage>| {
                if text.is_empty() {
                    return None;
                }
                let parsed = parse_time(text);
                if parsed.is_none() {
                    errors.push(FieldMessage {
                        id: format!("{id}-{field}"),
                        message: lang.t("field.invalid_time").to_owned(),
                    });
                }
                parsed
            };
            let start = time(start_text, "start", &mut errors);
            let end = time(end_text, "end", &mut errors);
            // A time that did not parse is reported above; the day is not checked further.
            let complete =
                start.is_some() != start_text.is_empty() && end.is_some() != end_text.is_empty();
            if !complete {
                continue;
            }
            match activity_day(activity, weekday, start, end) {
                Ok(Some(day)) => days.push(day),
                Ok(None) => {}
                Err(error) => errors.push(FieldMessage {
                    id: format!("{id}-{}", if start.is_none() { "start" } else { "end" }),
                    message: lang.t(&format!("field.{}", error.code())).to_owned(),
                }),
            }
        }
    }
    if !errors.is_empty() {
        let groups = groups(&page, |activity, weekday| {
            let id = row_id(activity, weekday);
            (
                form.get(&format!("{id}-start")).to_owned(),
                form.get(&format!("{id}-end")).to_owned(),
            )
        });
        return render(
            page,
            &staff,
            &office,
            StatusCode::UNPROCESSABLE_ENTITY,
            errors,
            false,
            groups,
        )
        .await;
    }
    let audit = event(&staff, "office.activity_hours_saved", office.id)
        .target(format!("office:{}", office.id))
        .after(json!({"days": days.len()}));
    let service = &page.state.service;
    if let Err(error) = service
        .store
        .save_activity_hours(office.id, &days, Some(&audit.entry(service.now())))
        .await
    {
        return problem::failed(page, error);
    }
    page.redirect(&format!(
        "/admin/birouri/{}/program-activitati?salvat=1",
        office.id
    ))
}

fn row_id(activity: OfficeActivity, weekday: Weekday) -> String {
    format!("{}-{}", activity.as_str(), weekday.number_from_monday())
}

fn groups(page: &Page, typed: impl Fn(OfficeActivity, Weekday) -> (String, String)) -> Vec<Group> {
    let lang = page.chrome.lang;
    OfficeActivity::ALL
        .into_iter()
        .map(|activity| Group {
            legend: lang.t(activity.key()),
            rows: WEEK
                .into_iter()
                .map(|weekday| {
                    let (start, end) = typed(activity, weekday);
                    let id = row_id(activity, weekday);
                    DayRow {
                        day: format::weekday(lang, weekday),
                        fields: vec![
                            (format!("{id}-start"), "admin.setup.start", start),
                            (format!("{id}-end"), "admin.setup.end", end),
                        ],
                    }
                })
                .collect(),
        })
        .collect()
}

async fn render(
    page: Page,
    staff: &Staff,
    office: &OfficeRecord,
    status: StatusCode,
    errors: Vec<FieldMessage>,
    saved: bool,
    groups: Vec<Group>,
) -> Response {
    let chrome = page.chrome.clone();
    let bar = StaffBar::of(&page.state, chrome.lang, staff).await;
    page.render_status(
        status,
        ActivitiesPage {
            staff: Some(bar),
            errors,
            office_id: office.id,
            name: office.name.clone(),
            saved,
            groups,
            chrome,
        },
    )
}
