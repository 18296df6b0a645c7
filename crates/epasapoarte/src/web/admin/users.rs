//! `/admin/utilizatori` (admin) — every staff account: role, office, state. Read-only:
//! accounts are created with `epasapoarte user add`.

use askama::Template;
use axum::response::Response;
use chrono::{DateTime, Utc};

use super::frame::{self, StaffBar};
use super::guard::Staff;
use crate::i18n::Lang;
use crate::i18n::format;
use crate::staff::{Role, StaffService};
use crate::store::StaffUserRecord;
use crate::web::page::{Chrome, Page};
use crate::web::pages::problem;

#[derive(Template)]
#[template(path = "web/admin/users.html")]
struct UsersPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    users: Vec<UserRow>,
}

struct UserRow {
    username: String,
    role: String,
    office: String,
    state: String,
    /// The account cannot sign in now (locked or disabled): shown as a grey tag.
    inactive: bool,
}

pub async fn list(page: Page, staff: Staff) -> Response {
    let service = StaffService::of(&page.state.service);
    let users = match service.users().await {
        Ok(users) => users,
        Err(error) => {
            return problem::failed(page, error);
        }
    };
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let now = service.now();
    let mut rows = Vec::with_capacity(users.len());
    for user in &users {
        rows.push(UserRow {
            username: user.username.clone(),
            role: user.role.parse::<Role>().map_or_else(
                |_| user.role.clone(),
                |role| frame::role_label(lang, role).to_owned(),
            ),
            office: frame::office_name(&page.state, lang, user.office_id)
                .await
                .unwrap_or_else(|| lang.t("admin.dashboard.national").to_owned()),
            state: state_of(lang, user, now),
            inactive: user.disabled_at.is_some() || user.locked_until.is_some_and(|t| t > now),
        });
    }
    let bar = StaffBar::of(&page.state, lang, &staff).await;
    page.render(UsersPage {
        chrome,
        staff: Some(bar),
        users: rows,
    })
}

fn state_of(lang: Lang, user: &StaffUserRecord, now: DateTime<Utc>) -> String {
    if user.disabled_at.is_some() {
        return lang.t("admin.users.disabled").to_owned();
    }
    match user.locked_until.filter(|until| *until > now) {
        Some(until) => {
            let local = until.with_timezone(&chrono_tz::Europe::Bucharest);
            lang.tf(
                "admin.users.locked_until",
                &[("time", &format::clock(local.time()))],
            )
        }
        None => lang.t("admin.users.active").to_owned(),
    }
}
