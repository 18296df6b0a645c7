//! `/admin/login` (SPEC §3): "Utilizator", "Parolă", "Autentificare". One message for a
//! wrong password and an unknown user (422), so nothing tells which it was; too many
//! recent failures say so and when to try again (429 with Retry-After, issue 12 item 13).

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;

use super::cookie;
use super::frame::StaffBar;
use super::guard::{ClientAddress, Staff};
use crate::staff::{LoginOutcome, StaffService};
use crate::web::csrf;
use crate::web::form::Form;
use crate::web::page::{Chrome, Page, secure};
use crate::web::pages::problem;
use crate::web::{FieldMessage, message_for};

#[derive(Template)]
#[template(path = "web/admin/login.html")]
struct LoginPage {
    chrome: Chrome,
    staff: Option<StaffBar>,
    errors: Vec<FieldMessage>,
    username: String,
    /// Why the reader is here again: `admin.login.expired` or `admin.login.signed_out`.
    notice: Option<&'static str>,
    /// `serve --demo` only: the demo accounts (username, role key, password), which are
    /// public anyway (README).
    demo_accounts: Vec<(&'static str, String, &'static str)>,
}

fn demo_accounts(page: &Page) -> Vec<(&'static str, String, &'static str)> {
    if !page.state.demo {
        return Vec::new();
    }
    crate::seed::DEMO_STAFF
        .iter()
        .map(|(username, role, password)| (*username, format!("admin.role.{role}"), *password))
        .collect()
}

impl LoginPage {
    fn error(&self, id: &str) -> Option<&str> {
        message_for(&self.errors, id)
    }
}

pub async fn show(page: Page, staff: Option<Staff>, RawQuery(query): RawQuery) -> Response {
    if staff.is_some() {
        return page.redirect("/admin");
    }
    let query = query.unwrap_or_default();
    let notice = query.split('&').find_map(|pair| match pair {
        "expirat=1" => Some("admin.login.expired"),
        "iesire=1" => Some("admin.login.signed_out"),
        _ => None,
    });
    let chrome = page.chrome.clone();
    let demo_accounts = demo_accounts(&page);
    page.render(LoginPage {
        chrome,
        staff: None,
        errors: Vec::new(),
        username: String::new(),
        notice,
        demo_accounts,
    })
}

pub async fn submit(mut page: Page, ClientAddress(address): ClientAddress, form: Form) -> Response {
    // An empty field is the form's error, named; it is no login attempt and counts as none.
    let missing: Vec<FieldMessage> = [
        ("username", "admin.login.username_required"),
        ("password", "admin.login.password_required"),
    ]
    .into_iter()
    .filter(|(field, _)| form.get(field).trim().is_empty())
    .map(|(field, key)| FieldMessage {
        id: field.to_owned(),
        message: page.chrome.t(key).to_owned(),
    })
    .collect();
    if !missing.is_empty() {
        return refused_with(page, &form, StatusCode::UNPROCESSABLE_ENTITY, missing);
    }
    let staff = StaffService::of(&page.state.service);
    let outcome = staff
        .login(form.get("username"), form.get("password"), address)
        .await;
    match outcome {
        Ok(LoginOutcome::SignedIn { token, .. }) => {
            // A fresh anti-forgery session too: nothing planted before login carries over.
            page.set_cookie(csrf::COOKIE, &csrf::new_session_id(), 0, "/");
            let secure = secure(&page.state);
            page.add_cookie(cookie::set(token, secure));
            page.redirect("/admin")
        }
        Ok(LoginOutcome::Refused) => {
            let message = page.chrome.t("admin.login.failed").to_owned();
            refused(page, &form, StatusCode::UNPROCESSABLE_ENTITY, message)
        }
        Ok(LoginOutcome::TooManyAttempts { retry_after }) => {
            let minutes = crate::staff::minutes_to_say(retry_after).unsigned_abs();
            let minutes =
                crate::i18n::format::count(page.chrome.lang, "web.journey.minutes", minutes);
            let message = page
                .chrome
                .tf("admin.login.too_many_attempts", &[("minutes", &minutes)]);
            let seconds = retry_after.num_seconds().max(1).to_string();
            let mut response = refused(page, &form, StatusCode::TOO_MANY_REQUESTS, message);
            if let Ok(value) = axum::http::HeaderValue::from_str(&seconds) {
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, value);
            }
            response
        }
        Err(error) => problem::failed(page, error),
    }
}

/// The login page again with `message` beside the username, answered with `status`.
fn refused(page: Page, form: &Form, status: StatusCode, message: String) -> Response {
    let errors = vec![FieldMessage {
        id: "username".to_owned(),
        message,
    }];
    refused_with(page, form, status, errors)
}

/// The login page again with `errors` beside their fields, answered with `status`.
fn refused_with(
    page: Page,
    form: &Form,
    status: StatusCode,
    errors: Vec<FieldMessage>,
) -> Response {
    let chrome = page.chrome.clone();
    let demo_accounts = demo_accounts(&page);
    page.render_status(
        status,
        LoginPage {
            chrome,
            staff: None,
            errors,
            username: form.get("username").chars().take(64).collect(),
            notice: None,
            demo_accounts,
        },
    )
}
