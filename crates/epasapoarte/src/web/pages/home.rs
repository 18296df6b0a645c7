//! `/` — the service's front door: what it does and the main actions.

use askama::Template;
use axum::response::Response;

use crate::web::page::{Chrome, Page};

#[derive(Template)]
#[template(path = "web/home.html")]
struct HomePage {
    chrome: Chrome,
}

pub async fn show(page: Page) -> Response {
    let chrome = page.chrome.clone();
    page.render(HomePage { chrome })
}
