//! The pages that say something went wrong, in the reader's language: not found (404, also
//! the site's fallback for unknown paths), a link that has expired (410), and the opaque
//! failure (500, logged once, its text never shown).

use axum::http::StatusCode;
use axum::response::Response;

use super::MessagePage;
use crate::service::ServiceError;
use crate::web::page::Page;

/// 404: an unknown path, or a link whose token points to nothing.
pub fn not_found(page: Page) -> Response {
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    page.render_status(
        StatusCode::NOT_FOUND,
        MessagePage {
            title: lang.t("web.error.not_found_title").to_owned(),
            paragraphs: vec![lang.t("web.error.not_found_body").to_owned()],
            link: Some(("/".to_owned(), lang.t("web.home.link").to_owned())),
            chrome,
        },
    )
}

/// 410: the confirmation link came too late; the seats are free again. Offer a new booking.
pub fn link_expired(page: Page) -> Response {
    message(
        page,
        StatusCode::GONE,
        "web.expired.title",
        &["web.expired.body"],
        Some(("/programare", "web.expired.book_again")),
    )
}

/// A page with a title, paragraphs and an optional link, all catalogue keys.
pub fn message(
    page: Page,
    status: StatusCode,
    title: &str,
    paragraphs: &[&str],
    link: Option<(&str, &str)>,
) -> Response {
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    page.render_status(
        status,
        MessagePage {
            title: lang.t(title).to_owned(),
            paragraphs: paragraphs
                .iter()
                .map(|key| lang.t(key).to_owned())
                .collect(),
            link: link.map(|(href, label)| (href.to_owned(), lang.t(label).to_owned())),
            chrome,
        },
    )
}

/// Where the apology for a failure of ours sends the reader on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Onward {
    /// To the home page.
    Home,
    /// Back to the first step of the booking journey, under the journey's own title.
    RestartBooking,
}

/// The pages' one reading of a service error (the store's and the staff layer's convert
/// into it): not found is the 404 page, an expired link the 410 page, and anything else
/// the opaque 500, logged once with its context. Outcomes a page can explain (a full
/// slot, a field error…) are handled by that page before it calls this.
pub fn failed(page: Page, error: impl Into<ServiceError>) -> Response {
    failed_then(page, error, Onward::Home)
}

/// [`failed`], with the apology's way on chosen by the caller.
pub fn failed_then(page: Page, error: impl Into<ServiceError>, onward: Onward) -> Response {
    match error.into() {
        ServiceError::NotFound => not_found(page),
        ServiceError::Expired => link_expired(page),
        ServiceError::Unavailable => {
            let mut response = message(
                page,
                StatusCode::SERVICE_UNAVAILABLE,
                "web.pages.unavailable_title",
                &["error.unavailable"],
                Some(("/", "web.home.link")),
            );
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(crate::http::error::UNAVAILABLE_RETRY_SECS),
            );
            response
        }
        ServiceError::Internal(error) => {
            tracing::error!(error = format!("{error:#}"), "a page failed");
            internal(page, onward)
        }
        other => {
            tracing::error!(error = %other, "a page met an unexpected outcome");
            internal(page, onward)
        }
    }
}

fn internal(page: Page, onward: Onward) -> Response {
    let (title, link) = match onward {
        Onward::Home => ("web.pages.internal_title", ("/", "web.home.link")),
        Onward::RestartBooking => (
            "web.journey.error_title",
            ("/programare", "web.journey.restart"),
        ),
    };
    message(
        page,
        StatusCode::INTERNAL_SERVER_ERROR,
        title,
        &["error.internal"],
        Some(link),
    )
}
