//! The agenda page itself: one office-local day of bookings by time, each with its persons
//! (names; CNPs only for the booking a clerk asked to see), service, status in the reader's
//! language, and the buttons the lifecycle allows now. Every handler of the agenda ends
//! here, with its own status and message.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use epasapoarte_domain::booking::{BookingEvent, BookingStatus};

use super::{day, rules};
use crate::i18n::format;
use crate::ids::{BookingId, OfficeId};
use crate::service::ServiceResult;
use crate::store::{BookingRecord, OfficeRecord};
use crate::web::admin::frame::StaffBar;
use crate::web::admin::guard::Staff;
use crate::web::page::{Chrome, Page};
use crate::web::pages::problem;
use crate::web::{FieldMessage, message_for};

/// What a handler adds to the page: its status, errors, a message, revealed CNPs.
pub struct Extras {
    pub status: StatusCode,
    pub errors: Vec<FieldMessage>,
    /// A finished action ("Prezența a fost înregistrată.").
    pub notice: Option<String>,
    /// Why an action could not be done (the booking moved on, or it is too early).
    pub conflict: Option<String>,
    pub revealed: Option<Revealed>,
    /// The date as typed, when it could not be read (the day is then not shown).
    pub typed_date: Option<String>,
}

impl Default for Extras {
    fn default() -> Self {
        Extras {
            status: StatusCode::OK,
            errors: Vec::new(),
            notice: None,
            conflict: None,
            revealed: None,
            typed_date: None,
        }
    }
}

/// The CNPs of one booking, opened because a clerk asked (and the view was audited).
pub struct Revealed {
    pub booking_id: BookingId,
    pub cnps: Vec<String>,
}

#[derive(Template)]
#[template(path = "web/admin/agenda.html")]
struct AgendaPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    errors: Vec<FieldMessage>,
    office_id: OfficeId,
    office_name: String,
    date_value: String,
    notice: Option<String>,
    conflict: Option<String>,
    day: Option<Day>,
    /// (value, label) of the cancellation reasons a clerk may pick.
    reasons: Vec<(&'static str, &'static str)>,
    /// What marking a no-show does, said before the clerk confirms it.
    no_show_warning: String,
}

impl AgendaPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

struct Day {
    title: String,
    /// "Orele sunt în ora României."
    times_in: String,
    previous: String,
    next: String,
    closed: bool,
    booked: u32,
    checked_in: u32,
    no_shows: u32,
    bookings: Vec<Row>,
}

struct Row {
    id: BookingId,
    time: String,
    /// Said after each button to screen readers ("programarea de la 09:30").
    context: String,
    /// The id of the booking's reason select (`motiv-ID`).
    reason_field: String,
    /// The id of its explanation field (`explicatie-ID`).
    explanation_field: String,
    /// The id of its no-show confirmation (`absent-ID`).
    no_show_field: String,
    service: &'static str,
    status: &'static str,
    /// The status tag's colour: active bookings green, the rest grey.
    active: bool,
    persons: Vec<PersonRow>,
    purged: bool,
    cnp_shown: bool,
    check_in: bool,
    no_show: bool,
    /// A no-show marked today may be undone (SPEC §8).
    undo_no_show: bool,
    complete: bool,
    cancel: bool,
    register: bool,
}

struct PersonRow {
    position: usize,
    name: String,
    cnp: Option<String>,
}

/// Renders the agenda of `date` (none: only the date form, for a date that did not parse).
pub async fn render(
    page: Page,
    staff: &Staff,
    office: &OfficeRecord,
    date: Option<NaiveDate>,
    extras: Extras,
) -> Response {
    let lang = page.chrome.lang;
    let day = match date {
        Some(date) => match build_day(&page, office, date, extras.revealed.as_ref()).await {
            Ok(day) => Some(day),
            Err(error) => return problem::failed(page, error),
        },
        None => None,
    };
    let chrome = page.chrome.clone();
    let bar = StaffBar::of(&page.state, lang, staff).await;
    let date_value = match (&extras.typed_date, date) {
        (Some(typed), _) => typed.clone(),
        (None, Some(date)) => date.to_string(),
        (None, None) => String::new(),
    };
    let reasons = rules::COUNTER_REASONS
        .iter()
        .map(|reason| (reason.as_str(), lang.t(reason.key())))
        .collect();
    let cooloff = page.state.service.config.fair.cooloff;
    let no_show_warning = if cooloff.days == 0 {
        lang.t("admin.agenda.no_show_warning_plain").to_owned()
    } else {
        lang.tf(
            "admin.agenda.no_show_warning",
            &[
                ("days", &cooloff.length(false).num_days().to_string()),
                ("repeat", &cooloff.length(true).num_days().to_string()),
            ],
        )
    };
    page.render_status(
        extras.status,
        AgendaPage {
            staff: Some(bar),
            errors: extras.errors,
            office_id: office.id,
            office_name: office.name.clone(),
            date_value,
            notice: extras.notice,
            conflict: extras.conflict,
            day,
            reasons,
            no_show_warning,
            chrome,
        },
    )
}

async fn build_day(
    page: &Page,
    office: &OfficeRecord,
    date: NaiveDate,
    revealed: Option<&Revealed>,
) -> ServiceResult<Day> {
    let service = &page.state.service;
    let lang = page.chrome.lang;
    let now = service.now();
    let (from, to) = day::bounds(office.timezone, date);
    let records = service.office_bookings(office.id, from, to).await?;
    let mut day = Day {
        title: format::capitalised(&format::date(lang, date)),
        times_in: lang.tf(
            "admin.agenda.times_in",
            &[("zone", &format::zone_label(lang, office.timezone))],
        ),
        previous: day::open_day_from(&office.schedule, date, false).to_string(),
        next: day::open_day_from(&office.schedule, date, true).to_string(),
        closed: office.schedule.hours_on(date).intervals().is_empty(),
        booked: 0,
        checked_in: 0,
        no_shows: 0,
        bookings: Vec::with_capacity(records.len()),
    };
    for record in &records {
        count(&mut day, record);
        let shown = revealed.filter(|r| r.booking_id == record.id);
        let persons = service
            .counter_persons(record, false)?
            .into_iter()
            .enumerate()
            .map(|(index, person)| PersonRow {
                position: index + 1,
                name: format::person_name(lang, &person.last_name, &person.first_name),
                cnp: shown.and_then(|r| r.cnps.get(index).cloned()),
            })
            .collect::<Vec<_>>();
        let allows = |event| rules::allows(event, record, office.timezone, now);
        day.bookings.push(Row {
            id: record.id.clone(),
            time: format::clock(record.time),
            context: lang.tf(
                "admin.agenda.booking_at",
                &[("time", &format::clock(record.time))],
            ),
            reason_field: format!("motiv-{}", record.id),
            explanation_field: format!("explicatie-{}", record.id),
            no_show_field: format!("absent-{}", record.id),
            service: lang.t(record.service.key()),
            status: lang.t(record.status.key()),
            active: record.status.is_active(),
            purged: persons.is_empty(),
            cnp_shown: shown.is_some(),
            check_in: allows(BookingEvent::CheckIn),
            no_show: allows(BookingEvent::MarkNoShow),
            undo_no_show: record.status == BookingStatus::NoShow
                && record.date == epasapoarte_domain::fair::wall::local_date(now, office.timezone),
            complete: allows(BookingEvent::Complete),
            cancel: allows(BookingEvent::Cancel),
            register: matches!(
                record.status,
                BookingStatus::Confirmed | BookingStatus::CheckedIn
            ),
            persons,
        });
    }
    Ok(day)
}

/// The summary counts persons, not bookings: a family of three is three at the counter.
/// "Booked" is everyone still expected or already seen (not cancelled, not expired).
fn count(day: &mut Day, record: &BookingRecord) {
    let persons = u32::try_from(record.persons.len()).unwrap_or(u32::MAX);
    match record.status {
        BookingStatus::Cancelled | BookingStatus::Expired => return,
        BookingStatus::CheckedIn | BookingStatus::Completed => day.checked_in += persons,
        BookingStatus::NoShow => day.no_shows += persons,
        BookingStatus::Pending | BookingStatus::Confirmed => {}
    }
    day.booked += persons;
}
