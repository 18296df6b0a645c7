//! `/informatii` (J7): a two-question wizard — "Pentru cine este pașaportul?", then "Ce tip
//! de pașaport?" — and the answer: documents, fee, validity, issuance time, fingerprints.
//! The questions are GET forms (`?pentru=adult&tip=passport_electronic`): nothing personal
//! is asked, so each step works without JavaScript and the answer can be linked to.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use epasapoarte_domain::passport::{HolderCategory, PassportType};

use super::query;
use crate::web::page::{Chrome, Page};
use crate::web::{FieldMessage, message_for};

mod answer;

/// One radio of a question.
struct Choice {
    value: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "web/pages/info_question.html")]
struct QuestionPage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    /// The field's name (`pentru` or `tip`); the radios' ids are `{name}-{value}`.
    name: &'static str,
    /// The first radio's id: where the error summary points.
    error_id: String,
    question: &'static str,
    choices: Vec<Choice>,
    /// Answers already given, carried to the next step.
    hidden: Vec<(&'static str, &'static str)>,
    back: &'static str,
}

impl QuestionPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

#[derive(Template)]
#[template(path = "web/pages/info_result.html")]
struct ResultPage {
    chrome: Chrome,
    category: HolderCategory,
    category_label: &'static str,
    service_label: &'static str,
    answer: answer::Answer,
}

pub async fn show(page: Page, RawQuery(raw): RawQuery) -> Response {
    let lang = page.chrome.lang;
    let who = query::param(raw.as_deref(), "pentru");
    let Some(category) = who
        .as_deref()
        .and_then(|v| v.parse::<HolderCategory>().ok())
    else {
        return ask_who(page, who.is_some());
    };
    let kind = query::param(raw.as_deref(), "tip");
    let Some(passport) = kind.as_deref().and_then(|v| v.parse::<PassportType>().ok()) else {
        return ask_type(page, category, kind.is_some());
    };
    let chrome = page.chrome.clone();
    page.render(ResultPage {
        chrome,
        category,
        category_label: lang.t(category.key()),
        service_label: lang.t(passport.key()),
        answer: answer::answer(lang, category, passport),
    })
}

fn ask_who(page: Page, answered: bool) -> Response {
    let lang = page.chrome.lang;
    let choices = HolderCategory::ALL
        .iter()
        .map(|category| Choice {
            value: category.as_str(),
            label: lang.t(category.key()),
            hint: None,
        })
        .collect();
    question(
        page,
        answered,
        "pentru",
        "web.info.who",
        choices,
        Vec::new(),
        "/",
    )
}

fn ask_type(page: Page, category: HolderCategory, answered: bool) -> Response {
    let lang = page.chrome.lang;
    let choices = PassportType::ALL
        .iter()
        .map(|passport| Choice {
            value: passport.as_str(),
            label: lang.t(passport.key()),
            hint: Some(lang.t(&format!("web.info.hint.{}", passport.as_str()))),
        })
        .collect();
    let hidden = vec![("pentru", category.as_str())];
    question(
        page,
        answered,
        "tip",
        "web.info.which",
        choices,
        hidden,
        "/informatii",
    )
}

/// A question page; `answered` without a valid choice means the form came back empty.
fn question(
    page: Page,
    answered: bool,
    name: &'static str,
    question_key: &str,
    choices: Vec<Choice>,
    hidden: Vec<(&'static str, &'static str)>,
    back: &'static str,
) -> Response {
    let chrome = page.chrome.clone();
    let error_id = format!("{name}-{}", choices.first().map_or("", |c| c.value));
    let (status, errors) = if answered {
        let message = chrome.t(&format!("web.info.error.{name}")).to_owned();
        let id = error_id.clone();
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![FieldMessage { id, message }],
        )
    } else {
        (StatusCode::OK, Vec::new())
    };
    let question = chrome.t(question_key);
    page.render_status(
        status,
        QuestionPage {
            chrome,
            errors,
            name,
            error_id,
            question,
            choices,
            hidden,
            back,
        },
    )
}
