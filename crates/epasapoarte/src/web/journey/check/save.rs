//! "Salvează": the journey's answers are parsed by the booking parser the API shares
//! (`service/input.rs`) into the booking `create_booking` takes. Each refusal leads
//! somewhere useful: a field error to its row (with its "Schimbă" link), a time taken
//! meanwhile back to step 6, a CNP already booked to a plain explanation; success to
//! "Verificați-vă e-mailul", with the journey forgotten.

use axum::http::StatusCode;
use axum::response::Response;

use super::super::flow::{Ctx, Step};
use super::super::sent;
use super::super::state::{Applicant, Journey, Notice};
use super::super::view::{field_error, field_message};
use super::rows::row_for_field;
use super::{render, render_with};
use crate::http::challenge::ClientIp;
use crate::i18n::Lang;
use crate::pow::{FormKind, PowError};
use crate::service::input::{BookingFields, PersonText};
use crate::service::{FieldErrors, ServiceError};
use crate::web::FieldMessage;
use crate::web::form::Form;
use crate::web::page::Page;
use crate::web::pow::{self, PowField};

pub async fn save(
    page: Page,
    journey: Journey,
    ClientIp(ip): ClientIp,
    form: Form,
) -> Result<Response, Response> {
    let mut ctx = Ctx::open(page, journey, Step::Check).await?;
    let lang = ctx.page.chrome.lang;
    if form.get("consent") != "yes" {
        let error = field_error("consent", lang.t("error.consent_required"));
        return Ok(render(
            ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![error],
            false,
        ));
    }
    let today = ctx.page.state.service.today_in_romania();
    let parsed = fields(&ctx.journey, lang).parse(today);
    let booking = match parsed {
        Ok(booking) => booking,
        Err(errors) => {
            let errors = row_errors(lang, &ctx, &errors);
            return Ok(render(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, false));
        }
    };
    let state = ctx.page.state.clone();
    match state
        .pow
        .accept(&pow::solution(&form), FormKind::Booking, ip)
        .await
    {
        Ok(()) => {}
        Err(PowError::Refused(refusal)) => {
            let message = pow::refusal_message(lang, refusal);
            let field = PowField::again(&state, FormKind::Booking, lang, &form, refusal);
            let errors = vec![field_error("altcha", &message)];
            return Ok(render_with(
                ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                errors,
                false,
                field,
            ));
        }
        Err(PowError::Store(error)) => return Err(ctx.fail(error)),
    }
    match state.service.create_booking(&booking).await {
        Ok(_created) => {
            Journey::clear(&mut ctx.page);
            sent::remember_address(&mut ctx.page, booking.email.as_str());
            Ok(ctx.page.redirect(sent::PATH))
        }
        Err(ServiceError::Validation(errors)) => {
            let errors = row_errors(lang, &ctx, &errors);
            Ok(render(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, false))
        }
        Err(ServiceError::ConsentRequired) => {
            let error = field_error("consent", lang.t("error.consent_required"));
            Ok(render(
                ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                vec![error],
                false,
            ))
        }
        Err(ServiceError::SlotFull) => {
            // Someone took the last places: choose another time, keep everything else.
            ctx.journey.time = None;
            ctx.journey.notice = Some(Notice::SlotTaken);
            ctx.journey.store(&mut ctx.page);
            Ok(ctx.page.redirect(Step::Time.path()))
        }
        Err(ServiceError::CnpAlreadyBooked) => {
            let error = field_error("row-person-1", lang.t("error.cnp_already_booked"));
            Ok(render(ctx, StatusCode::CONFLICT, vec![error], true))
        }
        Err(other) => Err(ctx.fail(other)),
    }
}

/// The journey's answers for the booking parser; a step left unanswered reads as missing
/// (the flow sends the citizen back to it before this page anyway).
fn fields(journey: &Journey, lang: Lang) -> BookingFields<'_> {
    static NONE: Applicant = Applicant {
        last_name: String::new(),
        first_name: String::new(),
        cnp: String::new(),
        email: String::new(),
        phone: String::new(),
    };
    let applicant = journey.applicant.as_ref().unwrap_or(&NONE);
    BookingFields {
        office_id: journey.office_id.unwrap_or_default(),
        service: journey.service.as_deref().unwrap_or_default(),
        date: journey.date,
        time: journey.time,
        applicant: PersonText {
            last_name: &applicant.last_name,
            first_name: &applicant.first_name,
            cnp: &applicant.cnp,
        },
        companions: journey
            .companions
            .iter()
            .map(|c| PersonText {
                last_name: &c.last_name,
                first_name: &c.first_name,
                cnp: &c.cnp,
            })
            .collect(),
        email: &applicant.email,
        phone: Some(&applicant.phone),
        consent: true,
        lang,
    }
}

/// Each field error on the row that shows the field, named by the row's label.
fn row_errors(lang: Lang, ctx: &Ctx, errors: &FieldErrors) -> Vec<FieldMessage> {
    let Some(office) = ctx.office.as_ref() else {
        return Vec::new();
    };
    let rows = super::rows::rows(lang, &ctx.journey, office);
    let mut out: Vec<FieldMessage> = Vec::new();
    for (path, error) in &errors.0 {
        let id = row_for_field(path);
        if out.iter().any(|e| e.id == id) {
            continue;
        }
        let key = rows
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.key.clone())
            .unwrap_or_default();
        let message = lang.tf(
            "web.journey.check.row_error",
            &[("row", &key), ("message", &field_message(lang, error.code))],
        );
        out.push(field_error(&id, &message));
    }
    // The summary lists problems in the order of the page.
    out.sort_by_key(|e| rows.iter().position(|r| r.id == e.id));
    out
}
