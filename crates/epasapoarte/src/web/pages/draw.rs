//! `/tragere` (SPEC §8): the form to enter the opening-day draw — the persons with names
//! and CNPs, the e-mail, up to 3 offices ranked, the part of the day, the waitlist wish and
//! the consent — and the e-mailed link's page `/tragere/confirma/{token}` (a GET only
//! shows; the button's POST confirms). Works without JavaScript; errors are summarised
//! at the top and named beside their fields.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use super::problem;
use crate::http::challenge::ClientIp;
use crate::ids::OfficeId;
use crate::pow::{FormKind, PowError};
use crate::service::ServiceError;
use crate::service::draw::EntryFields;
use crate::service::input::PersonText;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};
use crate::web::pow::{self, PowField};
use crate::web::{FieldMessage, message_for};

pub mod confirm;

/// Person rows on the form: the applicant and up to three companions (blank rows are
/// left out), enough for most families without JavaScript.
pub const PERSON_ROWS: usize = 4;

/// One person row as typed, with its three fields.
pub struct PersonRow {
    pub n: usize,
    pub legend: String,
    pub fields: Vec<TextField>,
}

/// One text input of a person row.
pub struct TextField {
    /// The HTML id (`cnp-0`), what the error summary links to.
    pub id: String,
    /// The form name (`cnp_0`).
    pub name: String,
    pub label: String,
    pub value: String,
    pub autocomplete: &'static str,
    pub numeric: bool,
}

/// One ranked office choice.
pub struct Rank {
    pub id: String,
    pub name: String,
    pub label: String,
    pub chosen: i64,
}

#[derive(Template)]
#[template(path = "web/pages/draw.html")]
struct DrawPage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    /// The lead naming the day drawn and when entries close; `None` while draws are off.
    draw_day: Option<String>,
    offices: Vec<(i64, String)>,
    ranks: Vec<Rank>,
    persons: Vec<PersonRow>,
    email: String,
    parts: Vec<(&'static str, &'static str)>,
    part_of_day: String,
    wants_waitlist: bool,
    consent: bool,
    /// The proof of work (`web/pow.rs`); `None` when it is off.
    pow: Option<PowField>,
}

impl DrawPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

/// The form's HTML id of an API field path (`companions[1].cnp` → `cnp-2`).
fn field_id(path: &str) -> String {
    let (person, field) = match path.split_once('.') {
        Some(("applicant", field)) => (Some(0), field),
        Some((companion, field)) => (
            companion
                .trim_start_matches("companions[")
                .trim_end_matches(']')
                .parse::<usize>()
                .ok()
                .map(|i| i + 1),
            field,
        ),
        None => (None, path),
    };
    match (person, field) {
        (_, "email") => "email".to_owned(),
        (_, "phone") => "phone".to_owned(),
        (Some(n), field) => format!("{}-{n}", field.replace('_', "-")),
        (None, "office_ids" | "persons" | "service") => "office-1".to_owned(),
        (None, "part_of_day") => "part-any".to_owned(),
        (None, other) => other.to_owned(),
    }
}

fn person_row(chrome: &Chrome, n: usize) -> PersonRow {
    let legend = if n == 0 {
        chrome.t("web.draw.applicant").to_owned()
    } else {
        chrome.tf("web.draw.companion", &[("n", &n.to_string())])
    };
    let field = |id: &str, name: &str, autocomplete, numeric| TextField {
        id: format!("{id}-{n}"),
        name: format!("{name}_{n}"),
        label: chrome.t(&format!("web.draw.{name}")).to_owned(),
        value: String::new(),
        autocomplete,
        numeric,
    };
    PersonRow {
        n,
        legend,
        fields: vec![
            field("last-name", "last_name", "family-name", false),
            field("first-name", "first_name", "given-name", false),
            field("cnp", "cnp", "off", true),
        ],
    }
}

async fn blank(page: &Page) -> Result<DrawPage, ServiceError> {
    use crate::i18n::format;
    let chrome = page.chrome.clone();
    let service = &page.state.service;
    let lang = chrome.lang;
    let draw_day = service.open_draw().await?.map(|draw| {
        let (day, time) = format::local(draw.closes_at, format::ROMANIA);
        let closes = format!("{}, {}", format::date(lang, day), format::clock(time));
        chrome.tf(
            "web.draw.lead",
            &[
                ("date", &format::date(lang, draw.draw_date)),
                ("closes", &closes),
            ],
        )
    });
    let mut offices: Vec<(i64, String)> = service
        .directory
        .offices()
        .await?
        .iter()
        .map(|o| (o.id.get(), format!("{} ({})", o.name, o.county_code)))
        .collect();
    offices.sort_by(|a, b| a.1.cmp(&b.1));
    let ranks = (1..=3)
        .map(|rank| Rank {
            id: format!("office-{rank}"),
            name: format!("office_{rank}"),
            label: chrome.tf("web.draw.office_rank", &[("n", &rank.to_string())]),
            chosen: 0,
        })
        .collect();
    let parts = ["any", "morning", "afternoon"]
        .into_iter()
        .map(|part| (part, chrome.t(&format!("web.draw.part_{part}"))))
        .collect();
    Ok(DrawPage {
        errors: Vec::new(),
        draw_day,
        offices,
        ranks,
        persons: (0..PERSON_ROWS).map(|n| person_row(&chrome, n)).collect(),
        email: String::new(),
        parts,
        part_of_day: "any".to_owned(),
        wants_waitlist: false,
        consent: false,
        pow: PowField::new(&page.state, FormKind::DrawEntry, lang),
        chrome,
    })
}

pub async fn show(page: Page) -> Response {
    match blank(&page).await {
        Ok(view) => page.render(view),
        Err(error) => problem::failed(page, error),
    }
}

pub async fn submit(page: Page, ClientIp(ip): ClientIp, form: Form) -> Response {
    let mut view = match blank(&page).await {
        Ok(view) => view,
        Err(error) => return problem::failed(page, error),
    };
    for row in &mut view.persons {
        for field in &mut row.fields {
            field.value = form.get(&field.name).to_owned();
        }
    }
    for rank in &mut view.ranks {
        rank.chosen = form.get(&rank.name).parse().unwrap_or(0);
    }
    view.email = form.get("email").to_owned();
    view.part_of_day = form.get("part_of_day").to_owned();
    view.wants_waitlist = form.has("wants_waitlist");
    view.consent = form.has("consent");
    let rows: Vec<PersonText<'_>> = view
        .persons
        .iter()
        .map(|row| PersonText {
            last_name: &row.fields[0].value,
            first_name: &row.fields[1].value,
            cnp: &row.fields[2].value,
        })
        .collect();
    // Blank companion rows are not persons.
    let companions: Vec<PersonText<'_>> = rows[1..]
        .iter()
        .filter(|p| {
            !(p.last_name.trim().is_empty()
                && p.first_name.trim().is_empty()
                && p.cnp.trim().is_empty())
        })
        .copied()
        .collect();
    let service = &page.state.service;
    let parsed = EntryFields {
        office_ids: view
            .ranks
            .iter()
            .filter(|rank| rank.chosen > 0)
            .map(|rank| OfficeId(rank.chosen))
            .collect(),
        service: "passport_electronic",
        applicant: rows[0],
        companions,
        email: &view.email,
        phone: None,
        part_of_day: &view.part_of_day,
        wants_waitlist: view.wants_waitlist,
        consent: view.consent,
        lang: view.chrome.lang,
    }
    .parse(service.today_in_romania());
    // The fields first, so a typo does not use up the solved challenge.
    let entry = match parsed {
        Ok(entry) => Ok(entry),
        Err(errors) => Err(ServiceError::Validation(errors)),
    };
    let chrome = view.chrome.clone();
    if entry.is_ok() {
        let state = &page.state;
        match state
            .pow
            .accept(&pow::solution(&form), FormKind::DrawEntry, ip)
            .await
        {
            Ok(()) => {}
            Err(PowError::Refused(refusal)) => {
                view.pow = PowField::again(state, FormKind::DrawEntry, chrome.lang, &form, refusal);
                view.errors = vec![FieldMessage {
                    id: "altcha".to_owned(),
                    message: pow::refusal_message(chrome.lang, refusal),
                }];
                return page.render_status(StatusCode::UNPROCESSABLE_ENTITY, view);
            }
            Err(PowError::Store(error)) => return problem::failed(page, error),
        }
    }
    let outcome = match entry {
        Ok(entry) => service.enter_draw(&entry).await.map(|_| ()),
        Err(error) => Err(error),
    };
    let errors: Vec<FieldMessage> = match outcome {
        Ok(()) => return page.redirect("/tragere/trimis"),
        Err(ServiceError::Validation(errors)) => errors
            .0
            .iter()
            .map(|(path, error)| FieldMessage {
                id: field_id(path),
                message: crate::web::field_error_text(chrome.lang, path, error.code),
            })
            .collect(),
        Err(ServiceError::ConsentRequired) => {
            vec![message("consent", &chrome, "error.consent_required")]
        }
        Err(ServiceError::CnpAlreadyEntered) => {
            vec![message("cnp-0", &chrome, "field.cnp_already_entered")]
        }
        Err(ServiceError::CnpAlreadyBooked) => {
            vec![message("cnp-0", &chrome, "error.cnp_already_booked")]
        }
        Err(ServiceError::CnpCoolingOff) => {
            vec![message("cnp-0", &chrome, "field.cnp_cooling_off")]
        }
        Err(ServiceError::DrawClosed) => vec![message("office-1", &chrome, "error.draw_closed")],
        Err(error) => return problem::failed(page, error),
    };
    view.errors = errors;
    page.render_status(StatusCode::UNPROCESSABLE_ENTITY, view)
}

fn message(id: &str, chrome: &Chrome, key: &str) -> FieldMessage {
    FieldMessage {
        id: id.to_owned(),
        message: chrome.t(key).to_owned(),
    }
}

/// After entering: check your e-mail.
pub async fn sent(page: Page) -> Response {
    problem::message(
        page,
        StatusCode::OK,
        "web.draw.sent_title",
        &["web.draw.sent_body", "web.draw.sent_deadline"],
        Some(("/", "web.home.link")),
    )
}
