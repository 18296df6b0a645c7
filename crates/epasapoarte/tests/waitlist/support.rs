//! What the waitlist tests share: an office and a slot, bodies, tokens from the e-mails,
//! seat counts, the jobs driven by hand.

use chrono::Duration;
use epasapoarte::ids::OfficeId;
use epasapoarte::jobs;
use serde_json::{Value, json};

use crate::support::app::{TestApp, cnp};

/// An office of Cluj, and a slot there about a week ahead with room for `persons`.
pub async fn office_and_slot(app: &TestApp, persons: u16) -> (i64, String, String) {
    let (office, date, times) = office_day(app, "CJ", persons).await;
    (office, date, times[0].clone())
}

/// An office of `county`, a day there about a week ahead with room for `persons`, and
/// that day's times with room, in order.
pub async fn office_day(app: &TestApp, county: &str, persons: u16) -> (i64, String, Vec<String>) {
    let office = app.office_in(county).await;
    let office_id = office["id"].as_i64().unwrap();
    let body: Value = app
        .get(&format!(
            "/api/v1/offices/{office_id}/availability?service=passport_electronic&persons={persons}"
        ))
        .await
        .json()
        .await
        .unwrap();
    let days = body["days"].as_array().unwrap();
    let day = &days[days.len().min(6) - 1];
    let times = day["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["time"].as_str().unwrap().to_owned())
        .collect();
    (office_id, day["date"].as_str().unwrap().to_owned(), times)
}

pub fn person(n: u32, first: &str) -> Value {
    json!({"last_name": "Ionescu", "first_name": first, "cnp": cnp(n)})
}

/// A waitlist body for a family of `persons` (CNPs from `first_cnp`), e-mail `email`.
pub fn waitlist_body(
    office_id: i64,
    date: &str,
    persons: u16,
    first_cnp: u32,
    email: &str,
) -> Value {
    let companions: Vec<Value> = (1..u32::from(persons))
        .map(|i| person(first_cnp + i, "Copil"))
        .collect();
    json!({
        "office_ids": [office_id],
        "date_from": date,
        "date_to": date,
        "persons": persons,
        "applicant": {"last_name": "Ionescu", "first_name": "Maria", "cnp": cnp(first_cnp), "email": email},
        "companions": companions,
        "consent": true
    })
}

pub fn booking(office_id: i64, date: &str, time: &str, persons: u16, first_cnp: u32) -> Value {
    let companions: Vec<Value> = (1..u32::from(persons))
        .map(|i| person(first_cnp + i, "Copil"))
        .collect();
    json!({
        "office_id": office_id, "service": "passport_electronic", "date": date, "time": time,
        "applicant": {"last_name": "Popescu", "first_name": "Ana", "cnp": cnp(first_cnp), "email": "ana@example.ro"},
        "companions": companions, "consent": true
    })
}

/// The token of the last e-mailed link under `path` sent to `to`.
pub async fn token_to(app: &TestApp, path: &str, to: &str) -> String {
    let mails = app.deliver().await;
    mails
        .iter()
        .rev()
        .filter(|mail| mail.to.contains(to))
        .find_map(|mail| {
            let start = mail.text.find(path)? + path.len();
            Some(
                mail.text[start..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect(),
            )
        })
        .unwrap_or_else(|| panic!("no e-mail to {to} with a {path} link"))
}

pub async fn join(app: &TestApp, body: &Value) -> Value {
    let response = app.post("/api/v1/waitlist", body).await;
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

/// Joins and confirms; returns the entry id.
pub async fn join_and_confirm(app: &TestApp, body: &Value) -> String {
    let created = join(app, body).await;
    let email = body["applicant"]["email"].as_str().unwrap();
    let token = token_to(app, "/lista-asteptare/confirma/", email).await;
    let confirmed = app
        .post("/api/v1/waitlist/confirm", &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    let confirmed: Value = confirmed.json().await.unwrap();
    assert_eq!(confirmed["status"], "waiting");
    assert_eq!(confirmed["id"], created["id"]);
    created["id"].as_str().unwrap().to_owned()
}

/// Books and confirms; returns the cancel token.
pub async fn book_and_confirm(app: &TestApp, body: &Value) -> String {
    let response = app.post("/api/v1/bookings", body).await;
    assert_eq!(response.status(), 201);
    let token = app.token_from_last_mail("confirma").await;
    let confirmed = app
        .post("/api/v1/bookings/confirm", &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    app.token_from_last_mail("anuleaza").await
}

pub async fn cancel(app: &TestApp, token: &str) {
    let cancelled = app
        .post("/api/v1/bookings/cancel", &json!({"token": token}))
        .await;
    assert_eq!(cancelled.status(), 200);
}

/// Free seats of a slot as the store counts them (held and freed seats still count).
pub async fn free_seats(app: &TestApp, office_id: i64, date: &str, time: &str) -> u16 {
    let now = app.now();
    app.state
        .service
        .store
        .slots(
            OfficeId(office_id),
            now - Duration::days(1),
            now + Duration::days(100),
        )
        .await
        .unwrap()
        .iter()
        .find(|s| s.date.to_string() == date && s.time.format("%H:%M").to_string() == time)
        .map(|s| s.free())
        .expect("the slot exists")
}

/// Free seats of the slot as the public availability shows them (0 when not listed).
pub async fn public_free(app: &TestApp, office_id: i64, date: &str, time: &str) -> u64 {
    // The directory caches seats; the jobs invalidate it, as does every write.
    app.state.service.directory.invalidate_all();
    let body: Value = app
        .get(&format!(
            "/api/v1/offices/{office_id}/availability?service=passport_electronic&from={date}&to={date}"
        ))
        .await
        .json()
        .await
        .unwrap();
    body["days"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .filter(|day| day["date"] == date)
        .flat_map(|day| day["slots"].as_array().unwrap().iter())
        .find(|slot| slot["time"] == time)
        .map_or(0, |slot| slot["free"].as_u64().unwrap())
}

pub fn delay(app: &TestApp, text: &str) {
    app.state
        .service
        .store
        .set_release_delay(text.parse().unwrap());
}

pub async fn holds(app: &TestApp) -> epasapoarte::service::waitlist::HoldsReport {
    jobs::holds_once(&app.state.service).await.unwrap()
}
