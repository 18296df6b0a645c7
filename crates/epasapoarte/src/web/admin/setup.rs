//! Office setup pages (SPEC §3), for the office's manager or an admin: weekly hours
//! (`program`), date exceptions (`exceptii`), services and limits (`setari`) and the
//! decisions on bookings a change no longer fits (`replanificare`). This module holds
//! what the four share: reading interval rows from a form, checking them with the
//! domain's schedule rules, the office lookup and the audit line.

use axum::response::Response;
use chrono::{NaiveTime, Weekday};
use epasapoarte_domain::schedule::{OpeningInterval, Schedule, ScheduleError, TimeInterval};
use serde_json::{Value, json};

use super::guard::Staff;
use crate::i18n::Lang;
use crate::i18n::format;
use crate::ids::OfficeId;
use crate::staff::{Actor, AuditEvent};
use crate::store::OfficeRecord;
use crate::web::FieldMessage;
use crate::web::form::Form;
use crate::web::page::Page;
use crate::web::pages::problem;

pub mod activities;
pub mod exceptions;
pub mod hours;
pub mod replan;
pub mod settings;

/// The office of the path (the guard has checked the member may see it), or the answer.
pub async fn office_or_answer(
    page: Page,
    office: OfficeId,
) -> Result<(Page, OfficeRecord), Response> {
    match page.state.service.directory.office(office).await {
        Ok(Some(record)) => Ok((page, record)),
        Ok(None) => Err(problem::not_found(page)),
        Err(error) => Err(problem::failed(page, error)),
    }
}

/// The start of an audit line (the service writes it in the change's own transaction) for `staff` on `office`.
pub fn event(staff: &Staff, action: &'static str, office: OfficeId) -> AuditEvent {
    AuditEvent::new(Actor::staff(staff), action).office(Some(office))
}

/// An interval as JSON, for the audit trail.
pub fn interval_json(interval: &TimeInterval) -> Value {
    json!({
        "start": format::clock(interval.start),
        "end": format::clock(interval.end),
        "slot_minutes": interval.slot_minutes,
        "counters": interval.counters,
    })
}

/// The weekly intervals as JSON (ISO weekday numbers), for the audit trail.
pub fn weekly_json(schedule: &Schedule) -> Value {
    schedule
        .weekly()
        .map(|opening| {
            let mut value = interval_json(&opening.interval());
            value["weekday"] = json!(opening.weekday.number_from_monday());
            value
        })
        .collect()
}

/// One row of interval inputs as posted (text kept for showing the form again).
#[derive(Debug, Clone, Default)]
pub struct IntervalRow {
    /// The ids' prefix: `h1-0` (Monday, first row) or `x-0` (an exception's first row).
    pub prefix: String,
    pub start: String,
    pub end: String,
    pub slot: String,
    pub counters: String,
}

/// The four inputs of a row, in form order: (suffix, label key).
pub const COLUMNS: [(&str, &str); 4] = [
    ("start", "admin.setup.start"),
    ("end", "admin.setup.end"),
    ("slot", "admin.setup.slot_minutes"),
    ("counters", "admin.setup.counters"),
];

impl IntervalRow {
    pub fn read(form: &Form, prefix: String) -> IntervalRow {
        let get = |suffix: &str| form.get(&format!("{prefix}-{suffix}")).to_owned();
        IntervalRow {
            start: get("start"),
            end: get("end"),
            slot: get("slot"),
            counters: get("counters"),
            prefix,
        }
    }

    pub fn of(prefix: String, interval: &TimeInterval) -> IntervalRow {
        IntervalRow {
            prefix,
            start: format::clock(interval.start),
            end: format::clock(interval.end),
            slot: interval.slot_minutes.to_string(),
            counters: interval.counters.to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        [&self.start, &self.end, &self.slot, &self.counters]
            .iter()
            .all(|value| value.is_empty())
    }

    /// The value of the input `suffix` (for the template).
    pub fn value(&self, suffix: &str) -> &str {
        match suffix {
            "start" => &self.start,
            "end" => &self.end,
            "slot" => &self.slot,
            _ => &self.counters,
        }
    }

    /// Times are typed as text ("08:30"), the rest as numbers.
    pub fn inputmode(&self, suffix: &str) -> &'static str {
        if matches!(suffix, "start" | "end") {
            "text"
        } else {
            "numeric"
        }
    }

    pub fn id(&self, suffix: &str) -> String {
        format!("{}-{suffix}", self.prefix)
    }

    /// The row as an interval checked on its own by the domain's rules (as a Monday
    /// interval: the weekday does not change the rules), or the problems: (input id, code).
    pub fn parse(&self) -> Result<TimeInterval, Vec<(String, &'static str)>> {
        let mut problems = Vec::new();
        let start = parse_time(&self.start);
        let end = parse_time(&self.end);
        let slot = self.slot.parse::<u16>().ok();
        let counters = self.counters.parse::<u16>().ok();
        for (value, suffix) in [
            (start.is_some(), "start"),
            (end.is_some(), "end"),
            (slot.is_some(), "slot"),
            (counters.is_some(), "counters"),
        ] {
            if !value {
                let code = if matches!(suffix, "start" | "end") {
                    "time_invalid"
                } else {
                    "number_invalid"
                };
                problems.push((self.id(suffix), code));
            }
        }
        let (Some(start), Some(end), Some(slot_minutes), Some(counters)) =
            (start, end, slot, counters)
        else {
            return Err(problems);
        };
        let interval = TimeInterval {
            start,
            end,
            slot_minutes,
            counters,
        };
        match Schedule::new(vec![OpeningInterval::on(Weekday::Mon, interval)], vec![]) {
            Ok(_) => Ok(interval),
            Err(error) => Err(vec![(self.id(field_of(&error)), error.code())]),
        }
    }
}

/// Which input of a row a one-interval error is about.
fn field_of(error: &ScheduleError) -> &'static str {
    match error {
        ScheduleError::SlotMinutesOutOfRange { .. } => "slot",
        ScheduleError::CountersOutOfRange { .. } => "counters",
        ScheduleError::EndNotAfterStart { .. } | ScheduleError::NotWholeSlots { .. } => "end",
        _ => "start",
    }
}

/// `08:30` or `8:30`; nothing else.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M").ok()
}

/// A problem as the page shows it: "Luni, intervalul 2: …".
pub fn message(lang: Lang, place: &str, code: &str) -> String {
    let text = lang.t(&format!("admin.setup.error.{code}"));
    if place.is_empty() {
        text.to_owned()
    } else {
        format!("{place}: {text}")
    }
}

/// (id, code) problems to messages, each prefixed with its `place`.
pub fn messages(
    lang: Lang,
    place: &str,
    problems: Vec<(String, &'static str)>,
) -> Vec<FieldMessage> {
    problems
        .into_iter()
        .map(|(id, code)| FieldMessage {
            id,
            message: message(lang, place, code),
        })
        .collect()
}
