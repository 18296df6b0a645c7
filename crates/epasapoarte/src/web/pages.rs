//! The public pages, one module each (the booking journey lives in `journey`).

use askama::Template;
use axum::Router;

use super::page::Chrome;
use crate::http::AppState;

pub mod home;

/// The routes of the pages other than the journey and the home page.
pub fn router() -> Router<AppState> {
    Router::new()
}

/// A page that only says something: a title, paragraphs, and a link onwards.
#[derive(Template)]
#[template(path = "web/message.html")]
pub struct MessagePage {
    pub chrome: Chrome,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub link: Option<(String, String)>,
}
