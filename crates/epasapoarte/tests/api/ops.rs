//! Operator endpoints, the OpenAPI document, and the layers every write passes.

use serde_json::{Value, json};

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
    assert!(metrics.contains("epas_outbox_depth 0"), "{metrics}");
    assert!(
        metrics.contains("epas_outbox_oldest_age_seconds 0"),
        "{metrics}"
    );
    // A booking queues its confirmation e-mail; nobody delivers it here (no jobs).
    let booked = app.book(&app.booking_body(1, 7_100).await).await;
    assert_eq!(booked.status(), 201);
    app.clock.advance(chrono::Duration::seconds(90));
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(metrics.contains("epas_outbox_depth 1"), "{metrics}");
    assert!(
        metrics.contains("epas_outbox_oldest_age_seconds 90"),
        "{metrics}"
    );
    assert!(
        metrics.contains("epas_http_request_duration_seconds_count{route=\"/api/v1/bookings\",method=\"POST\",outcome=\"2xx\"} 1"),
        "{metrics}"
    );
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
    for body in epasapoarte::http::openapi::WRITES_WITH_ALTCHA {
        assert_eq!(
            doc["components"]["schemas"][body]["properties"]["altcha"]["type"], "string",
            "{body} lacks its proof-of-work field"
        );
    }
    // Every JSON body's extractor answers (issue 13: schemathesis found them missing).
    for (path, item) in paths {
        let Some(post) = item.get("post") else {
            continue;
        };
        if post.get("requestBody").is_none() {
            continue;
        }
        for status in ["400", "413", "415", "422"] {
            assert_eq!(
                post["responses"][status]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/ErrorBody",
                "POST {path} does not document {status}"
            );
        }
    }
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
    let mut body = app.booking_body(1, 1).await;
    body["altcha"] = app
        .solution_for("/api/v1/bookings")
        .await
        .expect("the proof of work is on")
        .into();
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

/// Which routes the per-IP write limit covers (src/http/layers.rs): every public POST,
/// API and pages alike, draws from one bucket per address; reads, the status lookups'
/// own bucket and the bearer-token moves of other systems do not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_writes_share_one_bucket_per_address_and_reads_do_not() {
    let app = TestApp::spawn(epasapoarte::testing::TestDatabase::sqlite()).await;
    let burst = epasapoarte::state::limits::WRITES_PER_IP.burst as usize;
    // As is: the limit is under test, not the proof of work (these fail before it).
    for _ in 0..burst {
        assert_eq!(
            app.post_as_is("/api/v1/lookup", &json!({})).await.status(),
            422
        );
    }

    let booking = app.post_as_is("/api/v1/bookings", &json!({})).await;
    let form = app
        .post_raw("/verifica-programare", "email=a%40b.ro", FORM)
        .await;
    let login = app.post_raw("/admin/login", "username=x", FORM).await;
    let status_page = app.post_raw("/status-pasaport", "numar=x", FORM).await;

    assert_eq!(booking.status(), 429);
    assert!(booking.headers().contains_key("retry-after"));
    assert_eq!(
        (
            form.status().as_u16(),
            login.status().as_u16(),
            status_page.status().as_u16()
        ),
        (429, 429, 429)
    );
    assert_eq!(app.get("/api/v1/counties").await.status(), 200);
    assert_eq!(app.get("/programare").await.status(), 200);
    let status = app
        .get("/api/v1/applications/status?number=CJ-2026-000001-A")
        .await;
    assert_eq!(
        status.status(),
        404,
        "the status lookups have their own bucket"
    );
    let token_move = app
        .post("/api/v1/applications/CJ-2026-000001-A/status", &json!({}))
        .await;
    assert_eq!(
        token_move.status(),
        401,
        "token moves are not public writes"
    );
}

const FORM: &str = "application/x-www-form-urlencoded";

/// Issue 13: with `EPAS_METRICS_TOKEN` set, `/metrics` answers only the bearer of that
/// token (without one it answers the machine itself, as the test above does).
#[tokio::test]
async fn metrics_ask_for_the_configured_token() {
    let app = TestApp::launch(epasapoarte::testing::TestDatabase::sqlite())
        .config(|config| config.metrics_token = Some("prometheus-token-1".to_owned().into()))
        .start()
        .await;
    let url = app.url("/metrics");
    let without = app.client.get(&url).send().await.unwrap();
    assert_eq!(without.status(), 401);
    assert_eq!(without.headers()["www-authenticate"], "Bearer");
    let wrong = app
        .client
        .get(&url)
        .bearer_auth("prometheus-token-2")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let right = app
        .client
        .get(&url)
        .bearer_auth("prometheus-token-1")
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), 200);
    assert!(right.text().await.unwrap().contains("epas_outbox_depth"));
}

/// Issue 13 item 4: the forwarding headers count only from a trusted proxy. Seen through
/// `/metrics`, which answers loopback callers only: from a trusted proxy on 127.0.0.1, a
/// request forwarded for a remote client is that remote client (403); without trusted
/// proxies the same header is ignored and the caller is the loopback peer (200).
#[tokio::test]
async fn forwarding_headers_count_only_from_trusted_proxies() {
    let forwarded_get = |app: &TestApp| {
        app.client
            .get(app.url("/metrics"))
            .header("x-forwarded-for", "203.0.113.9")
            .send()
    };
    let plain = TestApp::launch(epasapoarte::testing::TestDatabase::sqlite())
        .start()
        .await;
    assert_eq!(forwarded_get(&plain).await.unwrap().status(), 200);

    let proxied = TestApp::launch(epasapoarte::testing::TestDatabase::sqlite())
        .config(|config| {
            config.trusted_proxies =
                epasapoarte::http::forwarded::parse_list("127.0.0.1/32, ::1").unwrap();
        })
        .start()
        .await;
    assert_eq!(forwarded_get(&proxied).await.unwrap().status(), 403);
    let direct = proxied
        .client
        .get(proxied.url("/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(direct.status(), 200, "the proxy's own request is local");
}
