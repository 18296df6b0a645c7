//! The waitlist's pages (SPEC §8): `/lista-asteptare` (join: the family, up to 3 offices,
//! a date range), `/lista-asteptare/confirma/{token}` (the e-mailed confirmation) and
//! `/lista-asteptare/preia/{token}` (the hold's one-click take). As for the booking's
//! links, a GET only shows and a button POSTs: mail scanners open every link.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;

use super::problem;
use crate::http::challenge::ClientIp;
use crate::i18n::format;
use crate::ids::{LinkToken, OfficeId};
use crate::pow::{FormKind, PowError};
use crate::service::ServiceError;
use crate::service::input::PersonText;
use crate::service::waitlist::{HoldView, WaitlistFields};
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};
use crate::web::pow::{self, PowField};
use crate::web::{FieldMessage, message_for};

/// Companion rows on the form (blank ones are ignored): a family of up to 5 without
/// JavaScript.
const COMPANION_ROWS: usize = 4;

#[derive(Template)]
#[template(path = "web/pages/waitlist_form.html")]
struct JoinPage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    offices: Vec<(i64, String)>,
    values: Form,
    companions: Vec<(usize, String)>,
    /// The proof of work (`web/pow.rs`); `None` when it is off.
    pow: Option<PowField>,
}

impl JoinPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }

    fn value(&self, name: &str) -> String {
        self.values.get(name).to_owned()
    }

    fn selected(&self, name: &str, office: &i64) -> bool {
        self.values.get(name) == office.to_string()
    }
}

async fn office_list(page: &Page) -> Result<Vec<(i64, String)>, ServiceError> {
    let offices = page.state.service.directory.offices().await?;
    let mut list: Vec<(i64, String)> = offices
        .iter()
        .map(|office| (office.id.get(), office.name.clone()))
        .collect();
    list.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(list)
}

pub async fn show(page: Page) -> Response {
    let offices = match office_list(&page).await {
        Ok(offices) => offices,
        Err(error) => return problem::failed(page, error),
    };
    let chrome = page.chrome.clone();
    let pow = PowField::new(&page.state, FormKind::Waitlist, chrome.lang);
    page.render(JoinPage {
        companions: companion_rows(&chrome),
        chrome,
        errors: Vec::new(),
        offices,
        values: Form::empty(),
        pow,
    })
}

fn companion_rows(chrome: &Chrome) -> Vec<(usize, String)> {
    (0..COMPANION_ROWS)
        .map(|i| {
            let n = (i + 2).to_string();
            (i, chrome.tf("web.journey.companions.person", &[("n", &n)]))
        })
        .collect()
}

/// The HTML id of the input a field path's error belongs to.
fn input_id(path: &str) -> String {
    match path {
        "office_ids" | "service" | "persons" => "office_1".to_owned(),
        other => other.replace(['.', '['], "-").replace(']', ""),
    }
}

pub async fn submit(page: Page, ClientIp(ip): ClientIp, form: Form) -> Response {
    let service = &page.state.service;
    let offices: Vec<OfficeId> = ["office_1", "office_2", "office_3"]
        .iter()
        .filter_map(|name| form.get(name).trim().parse().ok())
        .collect();
    let companions: Vec<PersonText<'_>> = (0..COMPANION_ROWS)
        .map(|i| PersonText {
            last_name: form.get(&format!("companions-{i}-last_name")),
            first_name: form.get(&format!("companions-{i}-first_name")),
            cnp: form.get(&format!("companions-{i}-cnp")),
        })
        .filter(|p| {
            !(p.last_name.trim().is_empty()
                && p.first_name.trim().is_empty()
                && p.cnp.trim().is_empty())
        })
        .collect();
    let fields = WaitlistFields {
        service: "passport_electronic",
        offices,
        date_from: crate::service::input::parse_date(form.get("date_from")),
        date_to: crate::service::input::parse_date(form.get("date_to")),
        persons: u16::try_from(1 + companions.len()).ok(),
        applicant: PersonText {
            last_name: form.get("applicant-last_name"),
            first_name: form.get("applicant-first_name"),
            cnp: form.get("applicant-cnp"),
        },
        companions,
        email: form.get("applicant-email"),
        phone: Some(form.get("applicant-phone")),
        consent: form.has("consent"),
        lang: page.chrome.lang,
    };
    let parsed = fields.parse(service.today_in_romania());
    // The fields first, so a typo does not use up the solved challenge.
    let result = match parsed {
        Ok(parsed) => match page
            .state
            .pow
            .accept(&pow::solution(&form), FormKind::Waitlist, ip)
            .await
        {
            Ok(()) => service.join_waitlist(&parsed).await,
            Err(PowError::Refused(refusal)) => {
                let lang = page.chrome.lang;
                let errors = vec![FieldMessage {
                    id: "altcha".to_owned(),
                    message: pow::refusal_message(lang, refusal),
                }];
                let pow = PowField::again(&page.state, FormKind::Waitlist, lang, &form, refusal);
                return form_again(page, errors, form, pow).await;
            }
            Err(PowError::Store(error)) => return problem::failed(page, error),
        },
        Err(errors) => Err(ServiceError::Validation(errors)),
    };
    let errors: Vec<FieldMessage> = match result {
        Ok(_) => return page.redirect("/lista-asteptare/trimis"),
        Err(ServiceError::Validation(errors)) => errors
            .0
            .iter()
            .map(|(path, error)| FieldMessage {
                id: input_id(path),
                message: crate::web::field_error_text(page.chrome.lang, path, error.code),
            })
            .collect(),
        Err(ServiceError::ConsentRequired) => vec![FieldMessage {
            id: "consent".to_owned(),
            message: page.chrome.t("error.consent_required").to_owned(),
        }],
        Err(ServiceError::CnpAlreadyWaiting) => vec![FieldMessage {
            id: "applicant-cnp".to_owned(),
            message: page.chrome.t("error.cnp_already_waiting").to_owned(),
        }],
        Err(error) => return problem::failed(page, error),
    };
    let pow = PowField::new(&page.state, FormKind::Waitlist, page.chrome.lang);
    form_again(page, errors, form, pow).await
}

/// The form again with its errors and every value as typed.
async fn form_again(
    page: Page,
    errors: Vec<FieldMessage>,
    values: Form,
    pow: Option<PowField>,
) -> Response {
    let offices = match office_list(&page).await {
        Ok(offices) => offices,
        Err(error) => return problem::failed(page, error),
    };
    let chrome = page.chrome.clone();
    page.render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        JoinPage {
            companions: companion_rows(&chrome),
            chrome,
            errors,
            offices,
            values,
            pow,
        },
    )
}

pub async fn sent(page: Page) -> Response {
    problem::message(
        page,
        StatusCode::OK,
        "web.waitlist.sent_title",
        &["web.waitlist.sent_body", "web.lookup.sent_spam"],
        Some(("/", "web.home.link")),
    )
}

#[derive(Template)]
#[template(path = "web/pages/waitlist_button.html")]
struct ButtonPage {
    chrome: Chrome,
    title: String,
    lead: Vec<String>,
    rows: Vec<(String, String)>,
    action: String,
    button: String,
}

pub async fn confirm_show(page: Page, Path(token): Path<String>) -> Response {
    if LinkToken::parse(&token).is_none() {
        return problem::not_found(page);
    }
    let chrome = page.chrome.clone();
    page.render(ButtonPage {
        title: chrome.t("web.waitlist.confirm_title").to_owned(),
        lead: vec![chrome.t("web.waitlist.confirm_lead").to_owned()],
        rows: Vec::new(),
        action: format!("/lista-asteptare/confirma/{token}"),
        button: chrome.t("web.waitlist.confirm_button").to_owned(),
        chrome,
    })
}

pub async fn confirm_submit(page: Page, Path(token): Path<String>, _form: Form) -> Response {
    let Some(link) = LinkToken::parse(&token) else {
        return problem::not_found(page);
    };
    match page.state.service.confirm_waitlist(&link).await {
        Ok(_) => problem::message(
            page,
            StatusCode::OK,
            "web.waitlist.waiting_title",
            &["web.waitlist.waiting_body"],
            Some(("/", "web.home.link")),
        ),
        Err(error) => problem::failed(page, error),
    }
}

fn hold_rows(chrome: &Chrome, view: &HoldView) -> Vec<(String, String)> {
    let lang = chrome.lang;
    let tz: chrono_tz::Tz = view
        .seats
        .timezone
        .parse()
        .unwrap_or(chrono_tz::Europe::Bucharest);
    let (day, time) = format::local(view.hold_until, tz);
    vec![
        (
            chrome.t("mail.waitlist.office").to_owned(),
            format!("{}, {}", view.seats.office_name, view.seats.office_address),
        ),
        (
            chrome.t("mail.waitlist.date").to_owned(),
            format::date(lang, view.seats.date),
        ),
        (
            chrome.t("mail.waitlist.time").to_owned(),
            format::time_in_zone(lang, view.seats.time, tz),
        ),
        (
            chrome.t("mail.waitlist.persons").to_owned(),
            view.seats.persons.to_string(),
        ),
        (
            chrome.t("web.waitlist.kept_until").to_owned(),
            format!(
                "{}, {}",
                format::date(lang, day),
                format::time_in_zone(lang, time, tz)
            ),
        ),
    ]
}

pub async fn take_show(page: Page, Path(token): Path<String>) -> Response {
    let Some(link) = LinkToken::parse(&token) else {
        return problem::not_found(page);
    };
    let view = match page.state.service.hold_view(&link).await {
        Ok(view) => view,
        Err(error) => return problem::failed(page, error),
    };
    match view.outcome.as_str() {
        "open" => {}
        "taken" => return taken(page),
        _ => return lapsed(page),
    }
    let chrome = page.chrome.clone();
    page.render(ButtonPage {
        title: chrome.t("web.waitlist.take_title").to_owned(),
        lead: vec![chrome.t("web.waitlist.take_lead").to_owned()],
        rows: hold_rows(&chrome, &view),
        action: format!("/lista-asteptare/preia/{token}"),
        button: chrome.t("web.waitlist.take_button").to_owned(),
        chrome,
    })
}

pub async fn take_submit(page: Page, Path(token): Path<String>, _form: Form) -> Response {
    let Some(link) = LinkToken::parse(&token) else {
        return problem::not_found(page);
    };
    match page.state.service.take_hold(&link).await {
        Ok(_) => problem::message(
            page,
            StatusCode::OK,
            "web.waitlist.taken_title",
            &["web.waitlist.taken_body"],
            Some(("/", "web.home.link")),
        ),
        Err(ServiceError::HoldTaken) => taken(page),
        Err(ServiceError::HoldExpired) => lapsed(page),
        Err(error) => problem::failed(page, error),
    }
}

fn taken(page: Page) -> Response {
    problem::message(
        page,
        StatusCode::CONFLICT,
        "web.waitlist.taken_title",
        &["error.hold_taken"],
        Some(("/verifica-programare", "web.home.verify")),
    )
}

fn lapsed(page: Page) -> Response {
    problem::message(
        page,
        StatusCode::GONE,
        "web.waitlist.lapsed_title",
        &["error.hold_expired"],
        Some(("/", "web.home.link")),
    )
}
