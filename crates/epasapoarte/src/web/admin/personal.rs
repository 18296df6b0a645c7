//! `/admin/birouri/{office}/personal` — the office's staff (issue 12 item 14), for its
//! manager and for admins: the accounts of the office, a form to create one (a manager
//! creates clerks, an admin clerks and managers), and for each account the manager or
//! admin may manage, "Dezactivează"/"Activează" and "Parolă nouă". A new account and a
//! reset get a temporary password shown once, on the answer to the POST (never in a URL,
//! never logged), to hand over in person. Every change is audit-logged in its own
//! transaction. Admins manage national accounts the same way from `/admin/utilizatori`.

use askama::Template;
use axum::extract::{MatchedPath, Path, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;

use super::accounts::{Failure, UserLine, change_state, line, reset_password};
use super::frame::{self, StaffBar};
use super::guard::Staff;
use super::setup::office_or_answer;
use crate::ids::OfficeId;
use crate::staff::password::NewPassword;
use crate::staff::{Actor, NewUser, StaffError, StaffService, Username, roles_creatable_by};
use crate::store::OfficeRecord;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};
use crate::web::pages::{problem, query};
use crate::web::{FieldMessage, message_for};

#[derive(Template)]
#[template(path = "web/admin/personal.html")]
struct PersonalPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    errors: Vec<FieldMessage>,
    office_id: OfficeId,
    office_name: String,
    users: Vec<UserLine>,
    /// (value, label, chosen) of the roles the reader may create.
    roles: Vec<(&'static str, &'static str, bool)>,
    typed_username: String,
    /// A finished change ("Contul a fost dezactivat.").
    notice: Option<String>,
    /// (username, password): a temporary password, shown this once.
    handed: Option<(String, String)>,
}

impl PersonalPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

/// What a handler adds to the page.
#[derive(Default)]
struct Extras {
    errors: Vec<FieldMessage>,
    typed_username: String,
    typed_role: String,
    notice: Option<String>,
    handed: Option<(String, String)>,
}

const DONE: [(&str, &str); 2] = [
    ("dezactivat", "admin.personal.done_disabled"),
    ("activat", "admin.personal.done_enabled"),
];

pub async fn show(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    RawQuery(raw): RawQuery,
) -> Response {
    let (page, office) = match office_or_answer(page, office).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let lang = page.chrome.lang;
    let notice = query::param(raw.as_deref(), "rezultat")
        .and_then(|done| DONE.iter().find(|(name, _)| *name == done))
        .map(|(_, key)| lang.t(key).to_owned());
    let extras = Extras {
        notice,
        ..Extras::default()
    };
    render(page, &staff, &office, StatusCode::OK, extras).await
}

/// POST: a new account of the office, with a temporary password.
pub async fn create(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    form: Form,
) -> Response {
    let (page, office) = match office_or_answer(page, office).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let lang = page.chrome.lang;
    let typed_username = form
        .get("username")
        .trim()
        .chars()
        .take(64)
        .collect::<String>();
    let typed_role = form.get("role").to_owned();
    let mut errors = Vec::new();
    let username = Username::parse(&typed_username);
    if username.is_none() {
        errors.push(field("username", lang.t("admin.personal.error_username")));
    }
    let role = roles_creatable_by(&staff)
        .iter()
        .copied()
        .find(|role| role.as_str() == typed_role);
    if role.is_none() {
        errors.push(field("role", lang.t("admin.personal.error_role")));
    }
    let (Some(username), Some(role)) = (username, role) else {
        let extras = Extras {
            errors,
            typed_username,
            typed_role,
            ..Extras::default()
        };
        return render(
            page,
            &staff,
            &office,
            StatusCode::UNPROCESSABLE_ENTITY,
            extras,
        )
        .await;
    };
    let password = crate::staff::temporary_password();
    let Ok(parsed) = NewPassword::parse(&password) else {
        return problem::failed(
            page,
            anyhow::anyhow!("a temporary password broke the policy"),
        );
    };
    let service = StaffService::of(&page.state.service);
    let user = NewUser {
        username: username.clone(),
        role,
        office_id: Some(office.id),
        password: parsed,
    };
    match service.create_user(user, Actor::staff(&staff)).await {
        Ok(_) => {
            let extras = Extras {
                notice: Some(lang.t("admin.personal.done_created").to_owned()),
                handed: Some((username.as_str().to_owned(), password)),
                ..Extras::default()
            };
            render(page, &staff, &office, StatusCode::OK, extras).await
        }
        Err(StaffError::UsernameTaken) => {
            let extras = Extras {
                errors: vec![field("username", lang.t("admin.personal.error_taken"))],
                typed_username,
                typed_role,
                ..Extras::default()
            };
            render(
                page,
                &staff,
                &office,
                StatusCode::UNPROCESSABLE_ENTITY,
                extras,
            )
            .await
        }
        Err(error) => problem::failed(page, error),
    }
}

/// POST `personal/stare`: disables (`actiune=dezactiveaza`) or enables an account.
pub async fn set_state(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    route: MatchedPath,
    form: Form,
) -> Response {
    let (page, office) = match office_or_answer(page, office).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let back = format!("/admin/birouri/{}/personal", office.id);
    match change_state(page, &staff, Some(office.id), route.as_str(), &form, &back).await {
        Ok(answer) | Err(Failure::Answer(answer)) => answer,
        Err(Failure::Form(page)) => form_error(*page, &staff, &office).await,
    }
}

/// The office's page again, 422, saying the form named no account or no action.
async fn form_error(page: Page, staff: &Staff, office: &OfficeRecord) -> Response {
    let extras = Extras {
        errors: vec![field("staff", page.chrome.t("admin.personal.error_form"))],
        ..Extras::default()
    };
    render(
        page,
        staff,
        office,
        StatusCode::UNPROCESSABLE_ENTITY,
        extras,
    )
    .await
}

/// POST `personal/parola`: a new temporary password for an account.
pub async fn reset(
    page: Page,
    staff: Staff,
    Path(office): Path<OfficeId>,
    route: MatchedPath,
    form: Form,
) -> Response {
    let (page, office) = match office_or_answer(page, office).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let (page, handed) =
        match reset_password(page, &staff, Some(office.id), route.as_str(), &form).await {
            Ok(done) => done,
            Err(Failure::Answer(answer)) => return answer,
            Err(Failure::Form(page)) => return form_error(*page, &staff, &office).await,
        };
    let extras = Extras {
        notice: Some(page.chrome.t("admin.personal.done_reset").to_owned()),
        handed: Some(handed),
        ..Extras::default()
    };
    render(page, &staff, &office, StatusCode::OK, extras).await
}

fn field(id: &str, message: &str) -> FieldMessage {
    FieldMessage {
        id: id.to_owned(),
        message: message.to_owned(),
    }
}

async fn render(
    page: Page,
    staff: &Staff,
    office: &OfficeRecord,
    status: StatusCode,
    extras: Extras,
) -> Response {
    let service = StaffService::of(&page.state.service);
    let users = match service.office_users(office.id).await {
        Ok(users) => users,
        Err(error) => return problem::failed(page, error),
    };
    let chrome = page.chrome.clone();
    let lang = chrome.lang;
    let bar = StaffBar::of(&page.state, lang, staff).await;
    let roles = roles_creatable_by(staff)
        .iter()
        .map(|role| {
            (
                role.as_str(),
                frame::role_label(lang, *role),
                extras.typed_role == role.as_str(),
            )
        })
        .collect();
    page.render_status(
        status,
        PersonalPage {
            staff: Some(bar),
            errors: extras.errors,
            office_id: office.id,
            office_name: office.name.clone(),
            users: users.iter().map(|user| line(lang, staff, user)).collect(),
            roles,
            typed_username: extras.typed_username,
            notice: extras.notice,
            handed: extras.handed,
            chrome,
        },
    )
}
