//! What the two account pages share (issue 12 item 14): an office's staff page
//! (`personal.rs`) and the admins' `/admin/utilizatori` (`users.rs`) — a line of the
//! accounts table, and the two changes both offer on each line: disable/enable and a new
//! temporary password, with their refusals (a 404 audited as the gate does).

use axum::response::Response;

use super::frame;
use super::guard::Staff;
use crate::i18n::Lang;
use crate::ids::OfficeId;
use crate::staff::{
    AccountRefusal, Actor, AuditEvent, Role, StaffMember, StaffService, may_manage,
};
use crate::store::StaffUserRecord;
use crate::web::form::Form;
use crate::web::page::Page;
use crate::web::pages::problem;

/// One account on a page: who, and whether the reader may change it.
pub struct UserLine {
    pub id: i64,
    pub username: String,
    pub role: &'static str,
    pub state: &'static str,
    pub disabled: bool,
    /// Whether the reader may disable, enable or reset it.
    pub manageable: bool,
}

/// Why a change was not made: the form names no account or no action (the caller shows
/// its page again, 422), or the answer is ready (a 404, a failure).
pub enum Failure {
    Form(Box<Page>),
    Answer(Response),
}

/// Disables or enables the account the form names, if the reader may manage it (and, on
/// an office's page, it is of that office): a 303 back to `back`. A form without an
/// account or an action is [`Failure::Form`]; an account the reader may not manage a
/// 404, audited like the gate's refusals.
pub async fn change_state(
    page: Page,
    staff: &Staff,
    office: Option<OfficeId>,
    route: &str,
    form: &Form,
    back: &str,
) -> Result<Response, Failure> {
    let disable = match form.get("actiune") {
        "dezactiveaza" => true,
        "activeaza" => false,
        _ => return Err(Failure::Form(Box::new(page))),
    };
    let Some(user_id) = posted_user(form) else {
        return Err(Failure::Form(Box::new(page)));
    };
    let service = StaffService::of(&page.state.service);
    if let Some(office) = office
        && !of_office(&service, user_id, office).await
    {
        return Err(Failure::Answer(refused(page, staff, route, user_id).await));
    }
    match service.set_user_disabled(staff, user_id, disable).await {
        Ok(Ok(())) => {
            let done = if disable { "dezactivat" } else { "activat" };
            Ok(page.redirect(&format!("{back}?rezultat={done}")))
        }
        Ok(Err(AccountRefusal::NotFound)) => {
            Err(Failure::Answer(refused(page, staff, route, user_id).await))
        }
        Err(error) => Err(Failure::Answer(problem::failed(page, error))),
    }
}

/// Resets the password of the account the form names, if the reader may manage it (and
/// it is of `office` when given): the username and the temporary password.
pub async fn reset_password(
    page: Page,
    staff: &Staff,
    office: Option<OfficeId>,
    route: &str,
    form: &Form,
) -> Result<(Page, (String, String)), Failure> {
    let Some(user_id) = posted_user(form) else {
        return Err(Failure::Form(Box::new(page)));
    };
    let service = StaffService::of(&page.state.service);
    if let Some(office) = office
        && !of_office(&service, user_id, office).await
    {
        return Err(Failure::Answer(refused(page, staff, route, user_id).await));
    }
    match service.reset_user_password(staff, user_id).await {
        Ok(Ok(handed)) => Ok((page, handed)),
        Ok(Err(AccountRefusal::NotFound)) => {
            Err(Failure::Answer(refused(page, staff, route, user_id).await))
        }
        Err(error) => Err(Failure::Answer(problem::failed(page, error))),
    }
}

/// 404 for an account the reader may not manage (or none), audited as the gate does.
async fn refused(page: Page, staff: &Staff, route: &str, user_id: i64) -> Response {
    let event = AuditEvent::new(Actor::staff(staff), "access.denied")
        .office(staff.office_id)
        .target(format!("POST {route}"))
        .after(serde_json::json!({"status": 404, "user": user_id}));
    StaffService::of(&page.state.service)
        .audit_or_log(event)
        .await;
    problem::not_found(page)
}

async fn of_office(service: &StaffService, user_id: i64, office: OfficeId) -> bool {
    matches!(
        service.store.staff_user(user_id).await,
        Ok(Some(user)) if user.office_id == Some(office)
    )
}

fn posted_user(form: &Form) -> Option<i64> {
    form.get("utilizator").trim().parse().ok()
}

/// One line of the accounts table, in the reader's language.
pub fn line(lang: Lang, reader: &StaffMember, user: &StaffUserRecord) -> UserLine {
    let role = user
        .role
        .parse::<Role>()
        .map_or("", |role| frame::role_label(lang, role));
    UserLine {
        id: user.id,
        username: user.username.clone(),
        role,
        state: if user.disabled_at.is_some() {
            lang.t("admin.users.disabled")
        } else {
            lang.t("admin.users.active")
        },
        disabled: user.disabled_at.is_some(),
        manageable: may_manage(reader, user),
    }
}
