//! Step 3, `/programare/serviciu`: "Pentru ce serviciu?" — the passport ("Serviciu") among
//! those the office offers, each with a one-line hint.

use askama::Template;
use axum::response::Response;

use super::flow::{Ctx, Step};
use super::state::Journey;
use super::view::{Radios, field_error, status_for};
use crate::service::input::parse_service;
use crate::store::OfficeRecord;
use crate::web::FieldMessage;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};

#[derive(Template)]
#[template(path = "web/journey/service.html")]
struct ServicePage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    back: &'static str,
    title: &'static str,
    action: &'static str,
    radios: Radios,
}

pub async fn show(page: Page, journey: Journey) -> Result<Response, Response> {
    let (ctx, office) = Ctx::open_with_office(page, journey, Step::Service).await?;
    let selected = ctx.journey.service.clone().unwrap_or_default();
    Ok(render(ctx, &office, &selected, Vec::new()))
}

pub async fn save(page: Page, journey: Journey, form: Form) -> Result<Response, Response> {
    let (mut ctx, office) = Ctx::open_with_office(page, journey, Step::Service).await?;
    let posted = form.get("service");
    let key = match parse_service(posted) {
        Some(service) if office.services.contains(&service) => {
            ctx.journey.service = Some(service.as_str().to_owned());
            return Ok(ctx.advance(Step::Service));
        }
        Some(_) => "field.service_not_offered",
        None => "field.unknown_service",
    };
    let error = field_error("service", ctx.page.chrome.t(key));
    Ok(render(ctx, &office, posted, vec![error]))
}

fn render(ctx: Ctx, office: &OfficeRecord, selected: &str, errors: Vec<FieldMessage>) -> Response {
    let chrome = ctx.page.chrome.clone();
    let lang = chrome.lang;
    let mut radios = Radios::new("service", chrome.t("web.journey.service.label"), &errors);
    for service in &office.services {
        let hint = lang.t(&format!("web.journey.service.hint_{}", service.as_str()));
        radios.push(
            service.as_str(),
            lang.t(service.key()),
            vec![hint.to_owned()],
            selected,
        );
    }
    let template = ServicePage {
        title: chrome.t("web.journey.service.title"),
        back: ctx.back(Step::Service),
        action: Step::Service.path(),
        radios,
        errors,
        chrome,
    };
    ctx.page
        .render_status(status_for(&template.errors), template)
}
