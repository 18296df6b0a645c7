//! Small HTTP helpers for the story: JSON GET/POST, `/metrics` samples, and choosing the
//! office-day the crowd fights over.

use std::collections::BTreeMap;

use serde_json::Value;

use super::crowd::{self, Target};
use super::process::Server;

/// The first AB office and the first full weekday at least two days ahead (clear of
/// "today" in every time zone, so no slot passes during the test).
pub async fn pick_target(client: &reqwest::Client, server: &Server) -> Target {
    let offices: Value = get(client, &server.url("/api/v1/offices?county=AB")).await;
    let office_id = offices[0]["id"].as_i64().expect("an office in Alba");
    let today = chrono::Utc::now().date_naive();
    let (from, to) = (
        today + chrono::Duration::days(2),
        today + chrono::Duration::days(16),
    );
    let url = server.url(&format!(
        "/api/v1/offices/{office_id}/availability?service=passport_electronic&persons=1&from={from}&to={to}"
    ));
    let availability = get(client, &url).await;
    let days = availability["days"].as_array().cloned().unwrap_or_default();
    let day = days
        .iter()
        .find(|d| d["slots"].as_array().is_some_and(|s| s.len() >= 30))
        .expect("a full day within two weeks");
    let date = day["date"].as_str().expect("a date").to_owned();
    let times = crowd::slot_times(&availability, &date);
    Target {
        office_id,
        date,
        times,
    }
}

pub async fn get(client: &reqwest::Client, url: &str) -> Value {
    let response = client.get(url).send().await.expect("GET");
    assert_eq!(response.status().as_u16(), 200, "GET {url}");
    response.json().await.expect("a JSON answer")
}

pub async fn post(client: &reqwest::Client, url: &str, body: &Value) -> (u16, Value) {
    let response = client.post(url).json(body).send().await.expect("POST");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The unlabelled samples of an instance's `/metrics`.
pub async fn metrics(client: &reqwest::Client, server: &Server) -> BTreeMap<String, f64> {
    let text = client
        .get(server.url("/metrics"))
        .send()
        .await
        .expect("GET /metrics")
        .text()
        .await
        .expect("text");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.contains('{'))
        .filter_map(|line| {
            let (name, value) = line.split_once(' ')?;
            Some((name.to_owned(), value.trim().parse().ok()?))
        })
        .collect()
}
