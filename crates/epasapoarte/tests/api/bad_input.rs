//! Bad input of every kind gets a 4xx with the JSON error of SPEC §6.2 — never a 5xx, a
//! panic, or a partial write.

use serde_json::{Value, json};

use super::support::TestApp;
use crate::on_both_backends;

on_both_backends!(
    malformed_wrong_typed_and_oversized_bodies_are_clear_4xx,
    every_invalid_field_gets_a_field_message,
    consent_is_required,
    dates_and_times_outside_the_bookable_slots_are_refused,
    unknown_offices_services_and_too_many_persons_are_refused,
    hostile_strings_never_cause_a_5xx,
    bad_tokens_are_not_found,
    a_wrong_method_or_an_undecodable_path_gets_a_json_error,
);

async fn error_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.expect("the error is JSON");
    assert!(
        body["error"]["code"].is_string() && body["error"]["message"].is_string(),
        "{body}"
    );
    (status, body)
}

async fn malformed_wrong_typed_and_oversized_bodies_are_clear_4xx(app: TestApp) {
    let (status, body) = error_of(
        app.post_raw("/api/v1/bookings", "{not json", "application/json")
            .await,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str().unwrap()),
        (400, "malformed_json")
    );
    let (status, body) = error_of(
        app.post_raw(
            "/api/v1/bookings",
            r#"{"office_id":"one"}"#,
            "application/json",
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str().unwrap()),
        (422, "validation")
    );
    let mut unknown = app.booking_body(1, 1000).await;
    unknown["admin"] = json!(true);
    let (status, body) = error_of(app.book(&unknown).await).await;
    assert_eq!(status, 422, "unknown fields are refused: {body}");
    let huge = format!(r#"{{"office_id":1,"service":"{}"}}"#, "x".repeat(100_000));
    let (status, body) = error_of(
        app.post_raw("/api/v1/bookings", huge, "application/json")
            .await,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str().unwrap()),
        (413, "payload_too_large")
    );
    // The server refuses an oversized body without reading it and closes that
    // connection; a pooled client may pick it up for a later request just as it closes
    // (hyper's IncompleteMessage, seen in CI twice: the next request, then the one
    // after). Every request after it goes on a connection of its own.
    let (status, _) = error_of(fresh_post(&app, "{}", "text/plain").await).await;
    assert_eq!(status, 415);
    let (status, _) = error_of(fresh_post(&app, "", "application/json").await).await;
    assert_eq!(status, 400);
}

/// A POST to the bookings endpoint from a client with no pooled connection.
async fn fresh_post(app: &TestApp, body: &'static str, content_type: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/api/v1/bookings"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("POST")
}

async fn every_invalid_field_gets_a_field_message(app: TestApp) {
    let mut body = app.booking_body(2, 1100).await;
    body["applicant"]["cnp"] = json!("1800101221145");
    body["applicant"]["email"] = json!("nope");
    body["applicant"]["phone"] = json!("abc");
    body["companions"][0]["first_name"] = json!("");
    let (status, error) = error_of(app.book(&body).await).await;
    assert_eq!(
        (status, error["error"]["code"].as_str().unwrap()),
        (422, "validation")
    );
    let fields = error["error"]["fields"].as_object().unwrap();
    for field in [
        "applicant.cnp",
        "applicant.email",
        "applicant.phone",
        "companions[0].first_name",
    ] {
        assert!(fields.contains_key(field), "{field} missing in {fields:?}");
    }
    assert!(
        fields["applicant.cnp"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("check digit")
    );
    let mut duplicate = app.booking_body(2, 1200).await;
    duplicate["companions"][0]["cnp"] = duplicate["applicant"]["cnp"].clone();
    let (status, error) = error_of(app.book(&duplicate).await).await;
    assert_eq!(status, 422);
    assert!(error["error"]["fields"]["companions[0].cnp"].is_string());
}

async fn consent_is_required(app: TestApp) {
    let mut body = app.booking_body(1, 1300).await;
    body["consent"] = json!(false);
    let (status, error) = error_of(app.book(&body).await).await;
    assert_eq!(
        (status, error["error"]["code"].as_str().unwrap()),
        (422, "consent_required")
    );
    body.as_object_mut().unwrap().remove("consent");
    assert_eq!(app.book(&body).await.status(), 422);
}

async fn dates_and_times_outside_the_bookable_slots_are_refused(app: TestApp) {
    let body = app.booking_body(1, 1400).await;
    let today = app
        .now()
        .with_timezone(&chrono_tz::Europe::Bucharest)
        .date_naive();
    let cases = [
        ((today - chrono::Duration::days(1)).to_string(), "09:00"),
        ((today + chrono::Duration::days(120)).to_string(), "09:00"),
        (body["date"].as_str().unwrap().to_owned(), "09:07"),
        (body["date"].as_str().unwrap().to_owned(), "23:00"),
        ("2026-02-30".to_owned(), "09:00"),
        (body["date"].as_str().unwrap().to_owned(), "25:00"),
    ];
    for (date, time) in cases {
        let mut bad = body.clone();
        bad["date"] = json!(date);
        bad["time"] = json!(time);
        let (status, error) = error_of(app.book(&bad).await).await;
        assert_eq!(status, 422, "{date} {time}: {error}");
    }
}

async fn unknown_offices_services_and_too_many_persons_are_refused(app: TestApp) {
    let body = app.booking_body(1, 1500).await;
    let mut bad = body.clone();
    bad["office_id"] = json!(987654);
    assert_eq!(error_of(app.book(&bad).await).await.0, 422);
    let mut bad = body.clone();
    bad["service"] = json!("passport_diplomatic");
    assert_eq!(error_of(app.book(&bad).await).await.0, 422);
    let six = super::support::booking_at(
        body["office_id"].as_i64().unwrap(),
        body["date"].as_str().unwrap(),
        body["time"].as_str().unwrap(),
        6,
        1510,
    );
    let (status, error) = error_of(app.book(&six).await).await;
    assert_eq!(status, 422, "the office allows five: {error}");
}

async fn hostile_strings_never_cause_a_5xx(app: TestApp) {
    let body = app.booking_body(1, 1600).await;
    let hostile = [
        "'; DROP TABLE bookings; --",
        "<script>alert(1)</script>",
        "\u{0}\u{1}\u{202e}",
        "𝕏".repeat(500).as_str(),
        "%00%0d%0a",
    ]
    .map(str::to_owned);
    for text in hostile {
        for path in [
            &["applicant", "last_name"][..],
            &["applicant", "cnp"],
            &["applicant", "email"],
            &["service"],
            &["date"],
            &["time"],
        ] {
            let mut bad = body.clone();
            match path {
                [a, b] => bad[*a][*b] = json!(text),
                [a] => bad[*a] = json!(text),
                _ => unreachable!(),
            }
            let response = app.book(&bad).await;
            assert!(
                response.status().is_client_error(),
                "{path:?} = {text:?} gave {}",
                response.status()
            );
        }
    }
    for query in [
        "persons=-1",
        "persons=abc",
        "from=2026-99-99",
        "service=%00",
        "from=2027-01-01&to=2026-01-01",
    ] {
        let response = app
            .get(&format!("/api/v1/offices/1/availability?{query}"))
            .await;
        assert!(
            response.status().is_client_error(),
            "{query} gave {}",
            response.status()
        );
    }
    assert!(
        app.get("/api/v1/offices?county=%27%20OR%201%3D1")
            .await
            .status()
            .is_client_error()
    );
}

async fn bad_tokens_are_not_found(app: TestApp) {
    for token in [
        "",
        "short",
        "x".repeat(32).as_str(),
        "../../etc/passwd",
        &"a".repeat(5000),
    ] {
        let response = app
            .post("/api/v1/bookings/confirm", &json!({"token": token}))
            .await;
        assert_eq!(response.status(), 404, "{token:?}");
        let response = app
            .post("/api/v1/bookings/cancel", &json!({"token": token}))
            .await;
        assert_eq!(response.status(), 404);
    }
}

/// Issue 13: the answers the router gives before any handler — a method the route does
/// not take, a path it cannot decode — are JSON errors with a stable code too.
async fn a_wrong_method_or_an_undecodable_path_gets_a_json_error(app: TestApp) {
    let response = app
        .client
        .delete(app.url("/api/v1/bookings"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["allow"], "POST");
    let (status, body) = error_of(response).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (405, Some("method_not_allowed"))
    );

    let response = app.get("/api/v1/offices/%FF%FE/availability").await;
    let (status, body) = error_of(response).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("bad_request"))
    );

    // Pages keep their HTML.
    let response = app
        .client
        .delete(app.url("/programare"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert!(
        !response
            .headers()
            .get("content-type")
            .is_some_and(|t| t.to_str().unwrap_or("").starts_with("application/json"))
    );
}
