//! `/admin` — the back office's home: who is signed in (name, role, office) and links to
//! the pages this member may open. The links come from the route table filtered by the
//! same rule the gate applies, so a page is linked exactly when it would open.

use askama::Template;
use axum::extract::RawQuery;
use axum::response::Response;

use super::frame::{self, StaffBar};
use super::guard::Staff;
use super::routes::{ROUTES, Verb};
use crate::staff::{Access, Role, StaffMember, access};
use crate::web::page::{Chrome, Page};

#[derive(Template)]
#[template(path = "web/admin/dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    username: String,
    role: String,
    office: String,
    links: Vec<(String, String)>,
    password_changed: bool,
    /// For admins: the outbox, as every instance shares it (issue 13).
    mail: Option<MailStatus>,
}

/// The outbox at a glance: what waits, for how long, and what fails.
struct MailStatus {
    waiting: u64,
    /// Minutes the oldest waiting message has waited.
    oldest_minutes: i64,
    failing: u64,
    undeliverable: u64,
    /// Something waits longer than a confirmation request may (a relay in trouble).
    late: bool,
}

/// A message waiting longer than this is shown as a problem.
const LATE_AFTER_MINUTES: i64 = 5;

async fn mail_status(page: &Page, staff: &Staff) -> Option<MailStatus> {
    if staff.role != Role::Admin {
        return None;
    }
    let service = &page.state.service;
    let depth = match service.store.outbox_depth().await {
        Ok(depth) => depth,
        Err(error) => {
            tracing::warn!(%error, "the outbox could not be read for the dashboard");
            return None;
        }
    };
    let oldest_minutes = depth
        .oldest_queued_at
        .map_or(0, |at| (service.now() - at).num_minutes().max(0));
    Some(MailStatus {
        waiting: depth.waiting,
        oldest_minutes,
        failing: depth.failing,
        undeliverable: depth.undeliverable,
        late: oldest_minutes >= LATE_AFTER_MINUTES || depth.undeliverable > 0,
    })
}

pub async fn show(page: Page, staff: Staff, RawQuery(query): RawQuery) -> Response {
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let bar = StaffBar::of(&page.state, lang, &staff).await;
    let office = bar
        .office
        .clone()
        .unwrap_or_else(|| lang.t("admin.dashboard.national").to_owned());
    let links = links_for(&staff)
        .into_iter()
        .map(|(href, key)| (href, lang.t(key).to_owned()))
        .collect();
    let password_changed = query.is_some_and(|q| q.split('&').any(|p| p == "parola=schimbata"));
    let mail = mail_status(&page, &staff).await;
    page.render(DashboardPage {
        mail,
        username: staff.username.clone(),
        role: frame::role_label(lang, staff.role).to_owned(),
        office,
        links,
        password_changed,
        staff: Some(bar),
        chrome,
    })
}

/// The pages with a dashboard link that `member` may open: (href, catalogue key).
pub fn links_for(member: &StaffMember) -> Vec<(String, &'static str)> {
    ROUTES
        .iter()
        .filter(|route| route.verb == Verb::Get)
        .filter_map(|route| {
            let key = route.nav?;
            let allowed =
                access::decide(member, route.require, member.office_id) == Access::Allowed;
            allowed.then(|| (route.path_for(member.office_id), key))
        })
        .collect()
}
