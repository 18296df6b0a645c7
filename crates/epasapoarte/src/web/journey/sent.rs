//! Step 10, `/programare/trimis`: "Verificați-vă e-mailul" — the booking is pending until
//! the citizen opens the e-mailed link. The address it went to rides here in a short-lived
//! sealed cookie of its own (never in the URL); without it the page still reads well.

use askama::Template;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::i18n::format::count;
use crate::web::page::{Chrome, Page};

pub const PATH: &str = "/programare/trimis";
const COOKIE: &str = "epas_sent";

#[derive(Template)]
#[template(path = "web/journey/sent.html")]
struct SentPage {
    chrome: Chrome,
    sent_to: String,
    deadline: String,
}

/// Remembers, for this page only and for as long as the link is valid, where the link went.
pub fn remember_address(page: &mut Page, email: &str) {
    let sealed = URL_SAFE_NO_PAD.encode(page.state.service.crypto.seal_str(email.trim()));
    let max_age = i64::try_from(page.state.service.config.confirm_timeout_secs).unwrap_or(1800);
    page.set_cookie(COOKIE, &sealed, max_age, PATH);
}

pub async fn show(page: Page) -> Response {
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let address = page
        .cookie(COOKIE)
        .and_then(|value| URL_SAFE_NO_PAD.decode(value).ok())
        .and_then(|sealed| page.state.service.crypto.open_string(&sealed).ok());
    let sent_to = match address {
        Some(email) => lang.tf("web.journey.sent.sent_to", &[("email", &email)]),
        None => lang.t("web.journey.sent.sent_generic").to_owned(),
    };
    let minutes = page.state.service.config.confirm_timeout_secs.div_ceil(60);
    let deadline = lang.tf(
        "web.journey.sent.deadline",
        &[("minutes", &count(lang, "web.journey.minutes", minutes))],
    );
    page.render(SentPage {
        chrome,
        sent_to,
        deadline,
    })
}
