//! `/admin/utilizatori` (admin) — every staff account: role, office, state, and for each
//! one the admin may manage (anyone but themselves) "Dezactivează"/"Activează" and
//! "Parolă nouă" (issue 12 item 14). Office accounts are created on each office's staff
//! page (`/admin/birouri/{office}/personal`); admins with `epasapoarte user add`.

use askama::Template;
use axum::extract::{MatchedPath, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;

use super::accounts::{self, Failure};
use super::frame::{self, StaffBar};
use super::guard::Staff;
use crate::ids::OfficeId;
use crate::staff::StaffService;
use crate::web::FieldMessage;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};
use crate::web::pages::{problem, query};

const LIST: &str = "/admin/utilizatori";

#[derive(Template)]
#[template(path = "web/admin/users.html")]
struct UsersPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    errors: Vec<FieldMessage>,
    users: Vec<UserRow>,
    notice: Option<String>,
    /// (username, password): a temporary password, shown this once.
    handed: Option<(String, String)>,
}

struct UserRow {
    line: accounts::UserLine,
    office: String,
    /// The office's staff page, for office accounts.
    office_id: Option<OfficeId>,
}

pub async fn list(page: Page, staff: Staff, RawQuery(raw): RawQuery) -> Response {
    let lang = page.chrome.lang;
    let notice = match query::param(raw.as_deref(), "rezultat").as_deref() {
        Some("dezactivat") => Some(lang.t("admin.personal.done_disabled").to_owned()),
        Some("activat") => Some(lang.t("admin.personal.done_enabled").to_owned()),
        _ => None,
    };
    render(page, &staff, StatusCode::OK, Vec::new(), notice, None).await
}

/// POST: disables or enables an account.
pub async fn set_state(page: Page, staff: Staff, route: MatchedPath, form: Form) -> Response {
    match accounts::change_state(page, &staff, None, route.as_str(), &form, LIST).await {
        Ok(answer) | Err(Failure::Answer(answer)) => answer,
        Err(Failure::Form(page)) => form_error(*page, &staff).await,
    }
}

/// POST: a new temporary password for an account, shown once.
pub async fn reset(page: Page, staff: Staff, route: MatchedPath, form: Form) -> Response {
    match accounts::reset_password(page, &staff, None, route.as_str(), &form).await {
        Ok((page, handed)) => {
            let notice = page.chrome.t("admin.personal.done_reset").to_owned();
            render(
                page,
                &staff,
                StatusCode::OK,
                Vec::new(),
                Some(notice),
                Some(handed),
            )
            .await
        }
        Err(Failure::Answer(answer)) => answer,
        Err(Failure::Form(page)) => form_error(*page, &staff).await,
    }
}

/// The list again, 422, saying the form named no account or no action.
async fn form_error(page: Page, staff: &Staff) -> Response {
    let errors = vec![FieldMessage {
        id: "users".to_owned(),
        message: page.chrome.t("admin.personal.error_form").to_owned(),
    }];
    render(
        page,
        staff,
        StatusCode::UNPROCESSABLE_ENTITY,
        errors,
        None,
        None,
    )
    .await
}

async fn render(
    page: Page,
    staff: &Staff,
    status: StatusCode,
    errors: Vec<FieldMessage>,
    notice: Option<String>,
    handed: Option<(String, String)>,
) -> Response {
    let service = StaffService::of(&page.state.service);
    let users = match service.users().await {
        Ok(users) => users,
        Err(error) => return problem::failed(page, error),
    };
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let mut rows = Vec::with_capacity(users.len());
    for user in &users {
        rows.push(UserRow {
            line: accounts::line(lang, staff, user),
            office: frame::office_name(&page.state, lang, user.office_id)
                .await
                .unwrap_or_else(|| lang.t("admin.dashboard.national").to_owned()),
            office_id: user.office_id,
        });
    }
    let bar = StaffBar::of(&page.state, lang, staff).await;
    page.render_status(
        status,
        UsersPage {
            chrome,
            staff: Some(bar),
            errors,
            users: rows,
            notice,
            handed,
        },
    )
}
