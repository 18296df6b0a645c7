//! Issue 13 item 6: with PostgreSQL unreachable — a TCP proxy in front of it, cut — the
//! API answers 503 `unavailable` with Retry-After, never a 500; `/readyz` answers at
//! once; and when the proxy is back, bookings go through again with nothing lost.

use std::time::{Duration, Instant};

use epasapoarte::testing::TestDatabase;
use epasapoarte::testing::proxy::{Mode, Proxy};
use serde_json::{Value, json};

use super::support::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_unreachable_database_gets_503_with_retry_after_and_the_service_recovers() {
    let Some(db) = TestDatabase::postgres_or_skip() else {
        return;
    };
    // postgres://user@host:port/name → the same through the proxy.
    let (user, rest) = db.url.split_once('@').expect("a user in the URL");
    let (host_port, name) = rest.split_once('/').expect("a database name");
    let proxy = Proxy::start(host_port.parse().expect("an IP:port"))
        .await
        .expect("starting the proxy");
    let proxied = format!("{user}@{}/{name}", proxy.addr);
    let app = TestApp::launch(db)
        .config(|config| config.database_url = proxied.into())
        .start()
        .await;
    assert_eq!(
        app.book(&app.booking_body(1, 8100).await).await.status(),
        201
    );
    let mut waiting = app.booking_body(1, 8200).await;
    if let Some(solution) = app.solution_for("/api/v1/bookings").await {
        waiting["altcha"] = json!(solution);
    }

    proxy.set(Mode::Refuse).await.expect("cutting the proxy");
    let started = Instant::now();
    let ready = app.get("/readyz").await;
    let readyz_took = started.elapsed();
    assert_eq!(ready.status(), 503);
    let refused = app.post_as_is("/api/v1/bookings", &waiting).await;
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.headers()["retry-after"], "5");
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unavailable");
    eprintln!("database cut: /readyz answered 503 in {readyz_took:?}");
    assert!(readyz_took < Duration::from_secs(2), "{readyz_took:?}");

    proxy.set(Mode::Forward).await.expect("restoring the proxy");
    let deadline = Instant::now() + Duration::from_secs(15);
    while app.get("/readyz").await.status() != 200 {
        assert!(Instant::now() < deadline, "ready again within 15 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        app.book(&app.booking_body(1, 8200).await).await.status(),
        201
    );
}
