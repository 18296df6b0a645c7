//! Step 9, `/programare/verificare`: "Verificați datele programării" — every answer with a
//! "Schimbă" link, the consent to the data-protection policy, and "Salvează". The POST
//! (in `save`) hands the whole journey to the booking service, which checks it all again.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use super::flow::{Ctx, Step};
use super::state::Journey;
use crate::pow::FormKind;
use crate::web::FieldMessage;
use crate::web::page::{Chrome, Page};
use crate::web::pow::PowField;

mod rows;
mod save;

pub use save::save;

use rows::Row;

#[derive(Template)]
#[template(path = "web/journey/check.html")]
struct CheckPage {
    chrome: Chrome,
    errors: Vec<FieldMessage>,
    back: &'static str,
    title: &'static str,
    action: &'static str,
    rows: Vec<Row>,
    consent_error: Option<String>,
    /// A CNP already holds an active booking: point to "Verifică programare".
    cnp_booked: bool,
    /// The consent box stays ticked when the form comes back for another reason.
    consent_checked: bool,
    /// The proof of work (`web/pow.rs`); `None` when it is off.
    pow: Option<PowField>,
}

pub async fn show(page: Page, journey: Journey) -> Result<Response, Response> {
    let mut ctx = Ctx::open(page, journey, Step::Check).await?;
    if !ctx.journey.checked {
        // From now on a changed answer leads back here.
        ctx.journey.checked = true;
        ctx.journey.store(&mut ctx.page);
    }
    Ok(render(ctx, StatusCode::OK, Vec::new(), false))
}

/// The page, with `errors` on their rows (or on the consent box).
fn render(ctx: Ctx, status: StatusCode, errors: Vec<FieldMessage>, cnp_booked: bool) -> Response {
    let pow = PowField::new(&ctx.page.state, FormKind::Booking, ctx.page.chrome.lang);
    render_with(ctx, status, errors, cnp_booked, pow)
}

/// The page with a given proof-of-work field (kept after a refusal); the consent box is
/// ticked when the refusal was about the proof of work.
fn render_with(
    ctx: Ctx,
    status: StatusCode,
    errors: Vec<FieldMessage>,
    cnp_booked: bool,
    pow: Option<PowField>,
) -> Response {
    let consent_checked = pow.as_ref().is_some_and(|pow| pow.error.is_some());
    let chrome = ctx.page.chrome.clone();
    let Some(office) = ctx.office.as_ref() else {
        // `open` has already sent a journey without an office to step 2.
        return ctx.page.redirect(Step::Office.path());
    };
    let mut rows = rows::rows(chrome.lang, &ctx.journey, office);
    for row in &mut rows {
        row.error = crate::web::message_for(&errors, &row.id).map(str::to_owned);
    }
    let template = CheckPage {
        title: chrome.t("web.journey.check.title"),
        back: ctx.back(Step::Check),
        action: Step::Check.path(),
        rows,
        consent_error: crate::web::message_for(&errors, "consent").map(str::to_owned),
        cnp_booked,
        consent_checked,
        pow,
        errors,
        chrome,
    };
    ctx.page.render_status(status, template)
}
