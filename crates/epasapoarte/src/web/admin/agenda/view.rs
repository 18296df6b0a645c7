//! The agenda page itself: one office-local day of bookings by time, each with its persons
//! (names; CNPs only for the booking a clerk asked to see), service, status in the reader's
//! language, and the buttons the lifecycle allows now. Every handler of the agenda ends
//! here, with its own status and message.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use epasapoarte_domain::booking::{BookingEvent, BookingStatus};

use super::filter::{self, Filter, Search};
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
    /// What narrows the day: search, status, times.
    pub filter: Filter,
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
            filter: Filter::default(),
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
    filter: Filter,
    /// (value, label) of the status groups, and whether each is the one picked.
    status_groups: Vec<(&'static str, &'static str, bool)>,
}

impl AgendaPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

struct Day {
    /// The date, `YYYY-MM-DD` (the search form carries it).
    date: String,
    title: String,
    /// "Orele sunt în ora României."
    times_in: String,
    previous: String,
    next: String,
    closed: bool,
    booked: u32,
    checked_in: u32,
    no_shows: u32,
    /// The bookings the filter keeps, by hour.
    hours: Vec<HourGroup>,
    /// How many bookings the day has, and how many the filter shows.
    total: usize,
    shown: usize,
    /// "Se afișează 12 din 192 programări."
    shown_line: String,
    /// The office's time now, when the day shown is today ("Acum: 10:42").
    now: Option<String>,
    /// Today, and every booking shown is earlier: the "now" line goes after them.
    now_at_end: bool,
}

/// The bookings of one hour: a heading row and an anchor (`ora-09`) the hour index links.
struct HourGroup {
    anchor: String,
    label: String,
    rows: Vec<Row>,
}

struct Row {
    id: BookingId,
    /// The short reference people read out (`PJ7K-3QXD`).
    reference: String,
    time: String,
    /// The "now" line goes just before this row.
    now_before: bool,
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
        Some(date) => match build_day(
            &page,
            office,
            date,
            extras.revealed.as_ref(),
            &extras.filter,
        )
        .await
        {
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
            status_groups: filter::STATUS_GROUPS
                .iter()
                .map(|(value, key)| (*value, lang.t(key), extras.filter.status == *value))
                .collect(),
            filter: extras.filter,
            chrome,
        },
    )
}

async fn build_day(
    page: &Page,
    office: &OfficeRecord,
    date: NaiveDate,
    revealed: Option<&Revealed>,
    filter: &Filter,
) -> ServiceResult<Day> {
    let service = &page.state.service;
    let lang = page.chrome.lang;
    let now = service.now();
    let (from, to) = day::bounds(office.timezone, date);
    let records = service.office_bookings(office.id, from, to).await?;
    let search = filter.search(service.today_in_romania());
    let searched_cnp = match &search {
        Search::Cnp(cnp) => Some(
            service
                .crypto
                .keyed_hash(crate::crypto::HashPurpose::Cnp, cnp.as_bytes()),
        ),
        _ => None,
    };
    let local_now = now.with_timezone(&office.timezone);
    let is_today = local_now.date_naive() == date;
    let mut day = Day {
        date: date.to_string(),
        total: records.len(),
        shown: 0,
        shown_line: String::new(),
        now: is_today.then(|| format::clock(local_now.time())),
        now_at_end: false,
        hours: Vec::new(),
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
    };
    let mut now_placed = !is_today;
    for record in &records {
        count(&mut day, record);
        if !filter.keeps(record.status, record.time) {
            continue;
        }
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
        let found = match (&search, &searched_cnp) {
            (Search::Nothing, _) => true,
            (Search::Cnp(_), Some(hash)) => record.persons.iter().any(|p| &p.cnp_hash == hash),
            (text, _) => {
                let names: Vec<String> = persons.iter().map(|p| filter::fold(&p.name)).collect();
                text.matches_text(record.id.as_str(), &names)
            }
        };
        if !found {
            continue;
        }
        let now_before = !now_placed && record.time >= local_now.time();
        now_placed |= now_before;
        let allows = |event| rules::allows(event, record, office.timezone, now);
        let hour = record.time.format("%H").to_string();
        if day
            .hours
            .last()
            .is_none_or(|group| !group.anchor.ends_with(&hour))
        {
            day.hours.push(HourGroup {
                anchor: format!("ora-{hour}"),
                label: format!("{hour}:00"),
                rows: Vec::new(),
            });
        }
        day.shown += 1;
        let row = Row {
            id: record.id.clone(),
            reference: record.id.reference(),
            now_before,
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
        };
        if let Some(group) = day.hours.last_mut() {
            group.rows.push(row);
        }
    }
    day.now_at_end = !now_placed;
    day.shown_line = lang.tf(
        "admin.agenda.shown",
        &[
            ("shown", &day.shown.to_string()),
            ("total", &day.total.to_string()),
        ],
    );
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
