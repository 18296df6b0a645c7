//! Step 7, `/programare/solicitant`: "Datele solicitantului" — the main applicant's names,
//! CNP, e-mail address (where the confirmation link goes) and optional phone number.

use askama::Template;
use axum::response::Response;

use super::flow::{Ctx, Step};
use super::people::{labelled_message, parse_person, person_fields, posted_person};
use super::state::{Applicant, Companion, Journey};
use super::view::{TextField, field_error, field_message, status_for};
use crate::service::input::{Email, Phone};
use crate::web::FieldMessage;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};

#[derive(Template)]
#[template(path = "web/journey/applicant.html")]
struct ApplicantPage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    back: &'static str,
    title: &'static str,
    action: &'static str,
    fields: Vec<TextField>,
}

pub async fn show(page: Page, journey: Journey) -> Result<Response, Response> {
    let ctx = Ctx::open(page, journey, Step::Applicant).await?;
    let values = ctx.journey.applicant.clone().unwrap_or_default();
    Ok(render(ctx, &values, Vec::new()))
}

pub async fn save(page: Page, journey: Journey, form: Form) -> Result<Response, Response> {
    let mut ctx = Ctx::open(page, journey, Step::Applicant).await?;
    let lang = ctx.page.chrome.lang;
    let today = ctx.page.state.service.today_in_romania();
    let person = posted_person(&form, "");
    let posted = Applicant {
        last_name: person.last_name.clone(),
        first_name: person.first_name.clone(),
        cnp: person.cnp.clone(),
        email: form.get("email").to_owned(),
        phone: form.get("phone").to_owned(),
    };
    let mut errors = Vec::new();
    let parsed = parse_person(lang, today, "", None, &person, &mut errors);
    if let Some(parsed) = &parsed
        && ctx.journey.companions.iter().any(|c| c.cnp == parsed.cnp)
    {
        errors.push(field_error("cnp", &field_message(lang, "cnp_duplicate")));
    }
    let email = Email::parse(&posted.email).map_err(|code| {
        let label = lang.t("web.journey.applicant.email");
        errors.push(field_error(
            "email",
            &labelled_message(lang, code, label, None),
        ));
    });
    let phone = match posted.phone.as_str() {
        "" => Ok(String::new()),
        phone => Phone::parse(phone)
            .map(|p| p.as_str().to_owned())
            .map_err(|code| errors.push(field_error("phone", &field_message(lang, code)))),
    };
    match (parsed, email, phone) {
        (Some(person), Ok(email), Ok(phone)) if errors.is_empty() => {
            ctx.journey.applicant = Some(Applicant {
                last_name: person.last_name,
                first_name: person.first_name,
                cnp: person.cnp,
                email: email.as_str().to_owned(),
                phone,
            });
            Ok(ctx.advance(Step::Applicant))
        }
        _ => Ok(render(ctx, &posted, errors)),
    }
}

fn render(ctx: Ctx, values: &Applicant, errors: Vec<FieldMessage>) -> Response {
    let chrome = ctx.page.chrome.clone();
    let lang = chrome.lang;
    let person = Companion {
        last_name: values.last_name.clone(),
        first_name: values.first_name.clone(),
        cnp: values.cnp.clone(),
    };
    let mut fields = person_fields(lang, "", &person, &errors, true);
    fields.push(
        TextField::new(
            "email",
            lang.t("web.journey.applicant.email"),
            &values.email,
            &errors,
        )
        .hint(lang.t("web.journey.applicant.email_hint"))
        .input("email", "", "email", "email"),
    );
    fields.push(
        TextField::new(
            "phone",
            lang.t("web.journey.applicant.phone"),
            &values.phone,
            &errors,
        )
        .input("tel", "input--w20", "tel", "tel"),
    );
    let template = ApplicantPage {
        title: chrome.t("web.journey.applicant.title"),
        back: ctx.back(Step::Applicant),
        action: Step::Applicant.path(),
        fields,
        errors,
        chrome,
    };
    ctx.page
        .render_status(status_for(&template.errors), template)
}
