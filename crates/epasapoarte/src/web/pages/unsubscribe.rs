//! `/pasaport/dezabonare/{token}` (issue 12 point 10): the link in every e-mail about the
//! passport-expiry reminder. A GET shows what the reminder is and one button (mail
//! scanners open every link); the POST cancels it and forgets the address, then shows the
//! page again (POST → 303 → GET). Using the link twice is harmless.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;

use super::problem;
use crate::i18n::format;
use crate::ids::LinkToken;
use crate::service::applications::expiry::Unsubscribe;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};

#[derive(Template)]
#[template(path = "web/pages/unsubscribe.html")]
struct UnsubscribePage {
    chrome: Chrome,
    token: String,
    /// "The passport expires on …; the reminder is due on …" (or "was sent").
    about: String,
    /// Unsubscribed: nothing more will be sent.
    done: bool,
    /// Already sent: the button would change nothing.
    sent: bool,
}

pub async fn show(page: Page, Path(token): Path<String>) -> Response {
    let Some(link) = LinkToken::parse(&token) else {
        return problem::not_found(page);
    };
    match page.state.service.expiry_reminder(&link).await {
        Ok(Unsubscribe::Found(state)) => {
            let lang = page.chrome.lang;
            let key = if state.sent {
                "web.unsubscribe.about_sent"
            } else {
                "web.unsubscribe.about"
            };
            let about = lang.tf(
                key,
                &[
                    ("expires", &format::date(lang, state.expires_on)),
                    ("remind", &format::date(lang, state.remind_on)),
                ],
            );
            let chrome = page.chrome.clone();
            page.render(UnsubscribePage {
                chrome,
                token,
                about,
                done: state.unsubscribed,
                sent: state.sent,
            })
        }
        Ok(Unsubscribe::Unknown) => problem::not_found(page),
        Err(error) => problem::failed(page, error),
    }
}

pub async fn submit(page: Page, Path(token): Path<String>, _form: Form) -> Response {
    let Some(link) = LinkToken::parse(&token) else {
        return problem::not_found(page);
    };
    match page.state.service.unsubscribe_expiry_reminder(&link).await {
        Ok(Unsubscribe::Found(_)) => page.redirect(&format!("/pasaport/dezabonare/{token}")),
        Ok(Unsubscribe::Unknown) => problem::not_found(page),
        Err(error) => problem::failed(page, error),
    }
}
