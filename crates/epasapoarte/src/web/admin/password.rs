//! `/admin/parola` — the signed-in member changes their own password: the current one,
//! then the new one twice. Other sessions of the account end; this one stays.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use super::frame::StaffBar;
use super::guard::Staff;
use crate::staff::{StaffError, StaffService, password};
use crate::web::form::Form;
use crate::web::page::{Chrome, Page};
use crate::web::pages::problem;
use crate::web::{FieldMessage, message_for};

#[derive(Template)]
#[template(path = "web/admin/password.html")]
struct PasswordPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    errors: Vec<FieldMessage>,
    fields: Vec<PasswordField>,
}

/// One password input: its id (= name), label, browser hint and optional help text.
struct PasswordField {
    id: &'static str,
    label: &'static str,
    autocomplete: &'static str,
    hint: Option<String>,
}

impl PasswordPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

pub async fn show(page: Page, staff: Staff) -> Response {
    render(page, &staff, Vec::new()).await
}

pub async fn submit(page: Page, staff: Staff, form: Form) -> Response {
    let service = StaffService::of(&page.state.service);
    let outcome = service
        .change_password(
            &staff.0,
            form.get("current_password"),
            form.get("new_password"),
            form.get("new_password_again"),
        )
        .await;
    match outcome {
        Ok(()) => page.redirect("/admin?parola=schimbata"),
        Err(StaffError::Validation(errors)) => {
            let lang = page.chrome.lang;
            let messages = errors
                .0
                .iter()
                .map(|(field, error)| FieldMessage {
                    id: field.clone(),
                    message: lang.tf(
                        &format!("admin.field.{}", error.code),
                        &[("min", &password::MIN_CHARS.to_string())],
                    ),
                })
                .collect();
            render(page, &staff, messages).await
        }
        Err(error) => problem::failed(page, error),
    }
}

async fn render(page: Page, staff: &Staff, errors: Vec<FieldMessage>) -> Response {
    let chrome = page.chrome.clone();
    let bar = StaffBar::of(&page.state, chrome.lang, staff).await;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let lang = chrome.lang;
    let min = password::MIN_CHARS.to_string();
    let fields = vec![
        PasswordField {
            id: "current_password",
            label: lang.t("admin.password.current"),
            autocomplete: "current-password",
            hint: None,
        },
        PasswordField {
            id: "new_password",
            label: lang.t("admin.password.new"),
            autocomplete: "new-password",
            hint: Some(lang.tf("admin.password.new_hint", &[("min", &min)])),
        },
        PasswordField {
            id: "new_password_again",
            label: lang.t("admin.password.again"),
            autocomplete: "new-password",
            hint: None,
        },
    ];
    page.render_status(
        status,
        PasswordPage {
            chrome,
            staff: Some(bar),
            errors,
            fields,
        },
    )
}
