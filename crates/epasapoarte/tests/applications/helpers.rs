//! The applications tests' vocabulary on top of the API's `TestApp`: CNPs of a chosen
//! age, a walk-in request, offices by county, tokens and status moves through the API.

use chrono::{Datelike, NaiveDate};
use epasapoarte::ids::OfficeId;
use epasapoarte::service::applications::{ApplicationRequest, RegisteredApplication, tokens};
use epasapoarte_domain::cnp::check_digit;
use serde_json::Value;

use crate::api::support::TestApp;

/// A valid CNP of someone born on `born` (county code `county`, serial `serial`).
pub fn cnp_born(born: NaiveDate, county: u8, serial: u16) -> String {
    let sex = if born.year() >= 2000 { 5 } else { 1 };
    let body = format!("{sex}{}{county:02}{serial:03}", born.format("%y%m%d"));
    let digits: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
    let first12: [u8; 12] = digits.try_into().expect("12 digits");
    format!("{body}{}", check_digit(&first12))
}

/// An adult's CNP (born 1985); `serial` keeps people apart.
pub fn adult(serial: u16) -> String {
    cnp_born(NaiveDate::from_ymd_opt(1985, 3, 15).unwrap(), 12, serial)
}

/// The CNP of a child about six years old today.
pub fn child(app: &TestApp, serial: u16) -> String {
    let today = app.now().date_naive();
    let born = NaiveDate::from_ymd_opt(today.year() - 6, 1, 10).unwrap();
    cnp_born(born, 12, serial)
}

/// The id of the first office of a county.
pub async fn office(app: &TestApp, county: &str) -> OfficeId {
    OfficeId(
        app.office_in(county).await["id"]
            .as_i64()
            .expect("an office id"),
    )
}

/// A walk-in electronic passport at `office_id`, paid with `amount` lei, with an e-mail.
pub fn walk_in(office_id: OfficeId, cnp: &str, amount: &str) -> ApplicationRequest {
    ApplicationRequest {
        office_id,
        passport_type: "passport_electronic".into(),
        last_name: "Ionescu".into(),
        first_name: "Maria".into(),
        cnp: cnp.into(),
        email: Some("maria.ionescu@example.ro".into()),
        receipt_number: "CEC 0042".into(),
        receipt_amount: amount.into(),
        ..ApplicationRequest::default()
    }
}

/// Registers an adult walk-in at the first office of Cluj.
pub async fn registered(app: &TestApp, serial: u16) -> RegisteredApplication {
    let office = office(app, "CJ").await;
    app.state
        .service
        .register_application(&walk_in(office, &adult(serial), "258"), &staff("clerk.ana"))
        .await
        .expect("registered")
}

/// A fresh API token named `name`.
pub async fn token(app: &TestApp, name: &str) -> String {
    tokens::issue(app.state.service.store.as_ref(), name, app.now(), None)
        .await
        .expect("a token")
}

/// POST /api/v1/applications/{number}/status with an optional bearer token.
pub async fn post_status(
    app: &TestApp,
    number: &str,
    token: Option<&str>,
    body: &Value,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(format!(
            "{}/api/v1/applications/{number}/status",
            app.address
        ))
        .json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.expect("POST")
}

/// GET /api/v1/applications/status with a query string.
pub async fn get_status(app: &TestApp, query: &str) -> (u16, Value) {
    let response = app
        .get(&format!("/api/v1/applications/status?{query}"))
        .await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// A staff member acting in a test (the service records the name in the history and the
/// audit trail).
pub fn staff(username: &str) -> epasapoarte::staff::Actor {
    epasapoarte::staff::Actor::Staff {
        user_id: 1,
        username: username.to_owned(),
    }
}
