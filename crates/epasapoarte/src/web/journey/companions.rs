//! Step 8, `/programare/persoane-suplimentare`: "Persoane suplimentare" — one fieldset per
//! extra person ("Persoana 2" …) with "Nume", "Prenume", "Cod numeric personal". Skipped
//! when the booking is for one person. Every CNP of a booking must differ.

use askama::Template;
use axum::response::Response;

use super::flow::{Ctx, Step};
use super::people::{labelled_message, parse_person, person_fields, posted_person};
use super::state::{Companion, Journey};
use super::view::{TextField, field_error, status_for};
use crate::web::FieldMessage;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};

#[derive(Template)]
#[template(path = "web/journey/companions.html")]
struct CompanionsPage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    back: &'static str,
    title: &'static str,
    action: &'static str,
    persons: Vec<PersonFieldset>,
}

struct PersonFieldset {
    legend: String,
    fields: Vec<TextField>,
}

/// The prefix of person `n`'s field ids (`p2_cnp`); the applicant is person 1.
fn prefix(n: usize) -> String {
    format!("p{n}_")
}

/// "Persoana 2".
fn legend(lang: crate::i18n::Lang, n: usize) -> String {
    lang.tf("web.journey.companions.person", &[("n", &n.to_string())])
}

pub async fn show(page: Page, journey: Journey) -> Result<Response, Response> {
    let ctx = Ctx::open(page, journey, Step::Companions).await?;
    if ctx.journey.persons() < 2 {
        return Ok(ctx.page.redirect(Step::Check.path()));
    }
    let values = ctx.journey.companions.clone();
    Ok(render(ctx, &values, Vec::new()))
}

pub async fn save(page: Page, journey: Journey, form: Form) -> Result<Response, Response> {
    let mut ctx = Ctx::open(page, journey, Step::Companions).await?;
    let lang = ctx.page.chrome.lang;
    let today = ctx.page.state.service.today_in_romania();
    let posted: Vec<Companion> = (2..=ctx.journey.persons())
        .map(|n| posted_person(&form, &prefix(n)))
        .collect();
    let mut errors = Vec::new();
    let mut seen: Vec<String> = ctx
        .journey
        .applicant
        .iter()
        .map(|a| a.cnp.clone())
        .collect();
    let mut parsed = Vec::with_capacity(posted.len());
    for (i, person) in posted.iter().enumerate() {
        let prefix = prefix(i + 2);
        let who = legend(lang, i + 2);
        if let Some(person) = parse_person(lang, today, &prefix, Some(&who), person, &mut errors) {
            if seen.contains(&person.cnp) {
                let label = lang.t("web.journey.person.cnp");
                let message = labelled_message(lang, "cnp_duplicate", label, Some(&who));
                errors.push(field_error(&format!("{prefix}cnp"), &message));
            }
            seen.push(person.cnp.clone());
            parsed.push(person);
        }
    }
    if !errors.is_empty() {
        return Ok(render(ctx, &posted, errors));
    }
    ctx.journey.companions = parsed;
    Ok(ctx.advance(Step::Companions))
}

fn render(ctx: Ctx, values: &[Companion], errors: Vec<FieldMessage>) -> Response {
    let chrome = ctx.page.chrome.clone();
    let lang = chrome.lang;
    let persons = (2..=ctx.journey.persons())
        .map(|n| {
            let value = values.get(n - 2).cloned().unwrap_or_default();
            PersonFieldset {
                legend: legend(lang, n),
                fields: person_fields(lang, &prefix(n), &value, &errors, false),
            }
        })
        .collect();
    let template = CompanionsPage {
        title: chrome.t("web.journey.companions.title"),
        back: ctx.back(Step::Companions),
        action: Step::Companions.path(),
        persons,
        errors,
        chrome,
    };
    ctx.page
        .render_status(status_for(&template.errors), template)
}
