//! Around the applications API: the public page answering with the real status, the
//! lookup's rate limit, and the OpenAPI document describing both endpoints.

use serde_json::{Value, json};

use super::helpers::{post_status, registered, staff, token};
use crate::api::support::TestApp;
use crate::on_both_backends;
use crate::support::app::browser;

on_both_backends!(the_status_page_says_where_a_ready_passport_waits);

/// Posts the status form as a browser does, with the page's `csrf` token.
async fn ask_page(app: &TestApp, fields: &[(&str, &str)]) -> (u16, String) {
    let client = browser();
    let form = client
        .get(format!("{}/status-pasaport", app.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let marker = r#"name="csrf" value=""#;
    let start = form.find(marker).expect("a csrf field") + marker.len();
    let csrf = &form[start..start + form[start..].find('"').unwrap()];
    let mut all = vec![("csrf", csrf)];
    all.extend_from_slice(fields);
    let response = client
        .post(format!("{}/status-pasaport", app.address))
        .form(&all)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn the_status_page_says_where_a_ready_passport_waits(app: TestApp) {
    let application = registered(&app, 1).await;
    let number = application.number.to_string();
    let service = &app.state.service;
    for to in ["in_production", "ready"] {
        service
            .move_application_status(
                &application.number,
                to.parse().unwrap(),
                None,
                &staff("clerk.ana"),
            )
            .await
            .unwrap();
    }
    let cnp = super::helpers::adult(1);
    let date = application.submitted_on;
    let (day, month, year) = (
        date.format("%d").to_string(),
        date.format("%m").to_string(),
        date.format("%Y").to_string(),
    );

    let (by_number, page) = ask_page(&app, &[("method", "number"), ("number", &number)]).await;
    let (by_digits, same) = ask_page(
        &app,
        &[
            ("method", "cnp"),
            ("cnp_last9", &cnp[4..]),
            ("submitted_day", &day),
            ("submitted_month", &month),
            ("submitted_year", &year),
        ],
    )
    .await;
    let (missed, not_found) = ask_page(
        &app,
        &[("method", "number"), ("number", "CJ-2000-000001-A")],
    )
    .await;

    assert_eq!((by_number, by_digits, missed), (200, 200, 200));
    assert!(page.contains("Stadiul cererii"), "{page}");
    assert!(page.contains("Gata de ridicare la "), "{page}");
    assert!(page.contains("Cluj"), "the office is named");
    assert!(
        !page.contains(&cnp) && !same.contains(&cnp[4..]),
        "no personal data shown"
    );
    assert!(same.contains("Gata de ridicare la "));
    assert!(not_found.contains("Nu am găsit cererea"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_lookup_is_rate_limited_per_address() {
    let app = TestApp::spawn(epasapoarte::testing::TestDatabase::sqlite()).await;
    let mut statuses = Vec::new();
    for _ in 0..31 {
        let response = app
            .get("/api/v1/applications/status?number=CJ-2026-000001-A")
            .await;
        statuses.push(response.status().as_u16());
    }
    assert!(statuses[..30].iter().all(|s| *s == 404), "{statuses:?}");
    assert_eq!(statuses[30], 429, "the 31st in a burst waits");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_moves_are_not_throttled_like_citizens() {
    let app = TestApp::spawn(epasapoarte::testing::TestDatabase::sqlite()).await;
    let pcp = token(&app, "pcp").await;
    let mut statuses = Vec::new();
    for _ in 0..70 {
        let response = post_status(
            &app,
            "CJ-2026-000001-A",
            Some(&pcp),
            &json!({"status": "ready"}),
        )
        .await;
        statuses.push(response.status().as_u16());
    }
    assert!(
        statuses.iter().all(|s| *s == 404),
        "past the 60-write burst: {statuses:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_both_endpoints_and_the_bearer_scheme() {
    let app = TestApp::spawn(epasapoarte::testing::TestDatabase::sqlite()).await;

    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();

    let paths = &doc["paths"];
    assert!(paths["/api/v1/applications/status"]["get"].is_object());
    let post = &paths["/api/v1/applications/{number}/status"]["post"];
    for code in ["200", "401", "403", "404", "409", "422"] {
        assert!(post["responses"][code].is_object(), "documents {code}");
    }
    assert_eq!(post["security"][0]["bearer"], json!([]));
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}
