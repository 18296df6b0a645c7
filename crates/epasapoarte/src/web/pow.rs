//! The proof of work on the pages (SPEC §8): a protected form shows the vendored ALTCHA
//! widget, which fetches a challenge for its form and puts the solution in the field
//! `altcha`, and carries the signed ticket (`ticket`) that lets a browser without
//! JavaScript through some seconds after the form was served. The handler passes both to
//! the one guard, `state.pow.accept(&pow::solution(&form), FormKind::…, ip)`, and on a
//! refusal shows the form again with [`refusal_message`] on the field `altcha`.
//!
//! A template shows it with `{% if let Some(pow) = pow %}{% include
//! "web/partials/pow.html" %}{% endif %}` and loads the widget in its `head` block with
//! `{% include "web/partials/pow_head.html" %}`.

use crate::i18n::Lang;
use crate::pow::{FormKind, Refusal, Solution};
use crate::state::AppState;
use crate::web::form::Form;

/// What the partial `web/partials/pow.html` shows.
#[derive(Debug, Clone)]
pub struct PowField {
    pub challenge_url: String,
    pub ticket: String,
    /// The widget's texts, as its `strings` attribute (JSON) wants them.
    pub strings: String,
    pub no_js: &'static str,
    pub error: Option<String>,
}

impl PowField {
    /// The field for a form served now (a fresh ticket); `None` when the proof of work is
    /// off (`EPAS_RATE_LIMITS=off`).
    pub fn new(state: &AppState, form: FormKind, lang: Lang) -> Option<PowField> {
        let ticket = state.pow.enabled().then(|| state.pow.ticket(form))?;
        Some(PowField::with_ticket(form, lang, ticket))
    }

    /// The field shown again after a refusal: a ticket sent too early is kept (its wait
    /// has partly passed), any other gets a fresh one.
    pub fn again(
        state: &AppState,
        form: FormKind,
        lang: Lang,
        posted: &Form,
        refusal: Refusal,
    ) -> Option<PowField> {
        let mut field = match refusal {
            Refusal::TooEarly { .. } if state.pow.enabled() => {
                PowField::with_ticket(form, lang, posted.get("ticket").to_owned())
            }
            _ => PowField::new(state, form, lang)?,
        };
        field.error = Some(refusal_message(lang, refusal));
        Some(field)
    }

    fn with_ticket(form: FormKind, lang: Lang, ticket: String) -> PowField {
        let strings = serde_json::json!({
            "label": lang.t("web.pow.label"),
            "verifying": lang.t("web.pow.verifying"),
            "verified": lang.t("web.pow.verified"),
            "error": lang.t("web.pow.error"),
            "expired": lang.t("web.pow.expired"),
            "verificationRequired": lang.t("web.pow.required"),
            "waitAlert": lang.t("web.pow.verifying"),
            "footer": "",
            "ariaLinkLabel": "",
        });
        PowField {
            challenge_url: format!("/api/v1/challenge?form={}", form.as_str()),
            ticket,
            strings: strings.to_string(),
            no_js: lang.t("web.pow.no_js"),
            error: None,
        }
    }
}

/// What a posted form brought: the widget's solution, else the page's ticket.
pub fn solution(form: &Form) -> Solution {
    Solution::from_fields(form.get("altcha"), form.get("ticket"))
}

/// The message on the field `altcha` (and in the error summary) for a refusal.
pub fn refusal_message(lang: Lang, refusal: Refusal) -> String {
    let reason = lang.t(&format!("error.challenge.{}", refusal.code()));
    match refusal {
        Refusal::TooEarly { wait_secs } => format!(
            "{reason} {}",
            lang.tf(
                "web.pow.too_early_wait",
                &[("seconds", &wait_secs.to_string())]
            )
        ),
        _ => reason.to_owned(),
    }
}
