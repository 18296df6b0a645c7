//! Operator endpoints and the OpenAPI document.

use serde_json::Value;

use super::support::TestApp;
use crate::on_both_backends;

on_both_backends!(
    health_readiness_and_metrics_answer,
    the_openapi_document_describes_every_path,
    writes_wait_their_turn_while_reads_go_on,
);

async fn health_readiness_and_metrics_answer(app: TestApp) {
    assert_eq!(app.get("/healthz").await.status(), 200);
    assert_eq!(app.get("/readyz").await.status(), 200);
    app.get("/api/v1/counties").await;
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(
        metrics.contains(
            "epas_http_requests_total{route=\"/api/v1/counties\",method=\"GET\",status=\"200\"}"
        ),
        "{metrics}"
    );
    assert!(metrics.contains("epas_outbox_depth"));
    let missing = app.get("/no/such/page").await;
    assert_eq!(missing.status(), 404);
}

async fn the_openapi_document_describes_every_path(app: TestApp) {
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/counties",
        "/api/v1/offices",
        "/api/v1/offices/{id}/availability",
        "/api/v1/earliest",
        "/api/v1/bookings",
        "/api/v1/bookings/confirm",
        "/api/v1/bookings/cancel",
        "/api/v1/lookup",
        "/api/v1/applications/status",
    ] {
        assert!(
            paths.contains_key(path),
            "{path} missing from the OpenAPI document"
        );
    }
    assert!(doc["components"]["schemas"]["BookingRequest"].is_object());
}

/// The write queue (src/http/write_queue.rs): with every turn taken, a booking waits —
/// it is neither refused nor lost — while reads are answered; once a turn frees, the
/// waiting booking goes through.
async fn writes_wait_their_turn_while_reads_go_on(app: TestApp) {
    let turns = epasapoarte::http::write_queue::WRITES_IN_FLIGHT;
    let all_turns = app
        .state
        .writes
        .clone()
        .acquire_many_owned(u32::try_from(turns).unwrap())
        .await
        .unwrap();
    let body = app.booking_body(1, 1).await;
    let waiting = tokio::spawn({
        let (client, url) = (
            app.client.clone(),
            format!("{}/api/v1/bookings", app.address),
        );
        async move { client.post(url).json(&body).send().await.unwrap() }
    });

    // Reads are not held back.
    assert_eq!(app.get("/api/v1/counties").await.status(), 200);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(!waiting.is_finished(), "the booking waits for a turn");

    drop(all_turns);
    let answered = tokio::time::timeout(std::time::Duration::from_secs(10), waiting)
        .await
        .expect("answered once a turn is free")
        .unwrap();
    assert_eq!(answered.status(), 201);
}
