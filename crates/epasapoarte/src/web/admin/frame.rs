//! What every back-office page shows around its content: the signed-in member's name,
//! role and office, and the sign-out button. Templates extend `web/admin/layout.html`
//! and carry a `chrome` and a `staff: Option<StaffBar>`.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use crate::i18n::Lang;
use crate::ids::OfficeId;
use crate::staff::{Role, StaffMember};
use crate::state::AppState;
use crate::web::page::{Chrome, Page};

/// The staff line under the header.
#[derive(Debug, Clone)]
pub struct StaffBar {
    pub username: String,
    pub role: String,
    /// The office's name; `None` for a national admin.
    pub office: Option<String>,
}

impl StaffBar {
    pub async fn of(state: &AppState, lang: Lang, member: &StaffMember) -> StaffBar {
        StaffBar {
            username: member.username.clone(),
            role: role_label(lang, member.role).to_owned(),
            office: office_name(state, lang, member.office_id).await,
        }
    }
}

pub fn role_label(lang: Lang, role: Role) -> &'static str {
    lang.t(&format!("admin.role.{}", role.as_str()))
}

/// An office's name for display; an unknown id shows as "#id", no office as `None`.
pub async fn office_name(state: &AppState, lang: Lang, office: Option<OfficeId>) -> Option<String> {
    let id = office?;
    match state.service.directory.office(id).await {
        Ok(Some(office)) => Some(office.name),
        _ => Some(lang.tf("admin.office_unknown", &[("id", &id.to_string())])),
    }
}

/// A back-office page that only says something.
#[derive(Template)]
#[template(path = "web/admin/message.html")]
pub struct AdminMessage {
    pub chrome: Chrome,
    pub staff: Option<StaffBar>,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub link: Option<(String, String)>,
}

/// 403: signed in, but this page needs more than the member's role.
pub async fn forbidden(page: Page, member: &StaffMember) -> Response {
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let staff = Some(StaffBar::of(&page.state, lang, member).await);
    page.render_status(
        StatusCode::FORBIDDEN,
        AdminMessage {
            title: lang.t("admin.forbidden.title").to_owned(),
            paragraphs: vec![lang.t("admin.forbidden.body").to_owned()],
            link: Some(("/admin".to_owned(), lang.t("admin.bar.home").to_owned())),
            staff,
            chrome,
        },
    )
}
