//! `/demo/mailbox` — only in demo mode (`serve --demo`): the e-mails the file transport
//! wrote, newest first, and each one's text with its links to this service clickable, so
//! a newcomer can book, confirm and cancel end to end on a laptop. Outside demo mode the
//! routes exist but answer 404, whatever the request: the flag is only set by `--demo`.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;

use super::problem;
use crate::i18n::format;
use crate::mail::list_mail_dir;
use crate::web::page::{Chrome, Page};

mod eml;
mod linkify;

/// At most this many e-mails are listed (a long demo session writes many).
const LIST_LIMIT: usize = 200;

struct Entry {
    name: String,
    time: String,
    to: String,
    subject: String,
}

#[derive(Template)]
#[template(path = "web/pages/mailbox.html")]
struct ListPage {
    chrome: Chrome,
    entries: Vec<Entry>,
}

#[derive(Template)]
#[template(path = "web/pages/mailbox_message.html")]
struct MessagePage {
    chrome: Chrome,
    time: String,
    to: String,
    subject: String,
    segments: Vec<linkify::Segment>,
}

pub async fn list(page: Page) -> Response {
    if !page.state.demo {
        return problem::not_found(page);
    }
    let dir = page.state.service.config.mail_dir.clone();
    let lang = page.chrome.lang;
    let mut entries = Vec::new();
    for path in list_mail_dir(&dir).into_iter().take(LIST_LIMIT) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        let Ok(bytes) = tokio::fs::read(&path).await else {
            continue;
        };
        if let Some(mail) = eml::read(&bytes) {
            entries.push(Entry {
                time: time_of(lang, &name),
                to: mail.to,
                subject: mail.subject,
                name,
            });
        }
    }
    let chrome = page.chrome.clone();
    page.render(ListPage { chrome, entries })
}

pub async fn show(page: Page, Path(name): Path<String>) -> Response {
    if !page.state.demo || !eml::is_mail_name(&name) {
        return problem::not_found(page);
    }
    let config = page.state.service.config.clone();
    let mail = match tokio::fs::read(config.mail_dir.join(&name)).await {
        Ok(bytes) => eml::read(&bytes),
        Err(_) => None,
    };
    let Some(mail) = mail else {
        return problem::not_found(page);
    };
    let chrome = page.chrome.clone();
    page.render(MessagePage {
        time: time_of(chrome.lang, &name),
        to: mail.to,
        subject: mail.subject,
        segments: linkify::segments(&mail.text, &config.base_url),
        chrome,
    })
}

/// When the e-mail was queued, in Romania's time.
fn time_of(lang: crate::i18n::Lang, name: &str) -> String {
    eml::queued_at(name)
        .map(|at| {
            let local = at.with_timezone(&chrono_tz::Europe::Bucharest);
            format!(
                "{}, {}",
                format::date(lang, local.date_naive()),
                format::clock(local.time())
            )
        })
        .unwrap_or_default()
}
