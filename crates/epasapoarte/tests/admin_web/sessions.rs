//! Sessions live in the database: 30 minutes idle or 12 hours in all end them, and
//! "Ieșire" deletes them — a copied cookie is worthless afterwards. Every `/admin` page
//! without a session answers 303 to the login page.

use chrono::Duration;

use super::support::{Backoffice, PASSWORD, Persona, session_token};
use crate::on_both_backends;

on_both_backends!(
    thirty_idle_minutes_end_a_session,
    twelve_hours_end_a_session_however_busy,
    signing_out_deletes_the_session_on_the_server,
    a_forged_or_unknown_cookie_is_no_session,
);

async fn thirty_idle_minutes_end_a_session(app: Backoffice) {
    let browser = app.signed_in(Persona::ClerkA).await;

    app.advance(Duration::minutes(29));
    assert_eq!(
        browser.get("/admin").await.status,
        200,
        "29 minutes idle: still in"
    );
    app.advance(Duration::minutes(29));
    assert_eq!(
        browser.get("/admin").await.status,
        200,
        "each request restarts the idle clock"
    );
    app.advance(Duration::minutes(30));
    let expired = browser.get("/admin").await;

    assert_eq!(
        (expired.status, expired.location.as_deref()),
        (303, Some("/admin/login?expirat=1"))
    );
    assert!(
        expired
            .cookies
            .iter()
            .any(|c| c.starts_with("epas_staff=;") && c.contains("Max-Age=0"))
    );
    let login = browser.get("/admin/login?expirat=1").await;
    assert!(login.body.contains("Sesiunea a expirat"));
    assert_eq!(
        browser.get("/admin").await.location.as_deref(),
        Some("/admin/login"),
        "the cookie is gone"
    );
}

async fn twelve_hours_end_a_session_however_busy(app: Backoffice) {
    let browser = app.signed_in(Persona::Admin).await;
    for _ in 0..35 {
        app.advance(Duration::minutes(20));
        assert_eq!(browser.get("/admin").await.status, 200);
    }
    app.advance(Duration::minutes(19));
    assert_eq!(
        browser.get("/admin").await.status,
        200,
        "11 h 59 min after login"
    );

    app.advance(Duration::minutes(2));
    let ended = browser.get("/admin").await;

    assert_eq!(ended.location.as_deref(), Some("/admin/login?expirat=1"));
}

async fn signing_out_deletes_the_session_on_the_server(app: Backoffice) {
    let browser = app.browser();
    let login = browser.login("manager.b", PASSWORD).await;
    let token = session_token(&login).expect("a session token");

    let out = browser.post("/admin/iesire", &[]).await;

    assert_eq!(
        (out.status, out.location.as_deref()),
        (303, Some("/admin/login?iesire=1"))
    );
    assert!(
        browser
            .get("/admin/login?iesire=1")
            .await
            .body
            .contains("Ați ieșit din cont")
    );
    assert_eq!(
        browser.get("/admin").await.location.as_deref(),
        Some("/admin/login")
    );
    let copied = app.browser();
    let replay = copied
        .client
        .get(format!("{}/admin", app.address))
        .header("cookie", format!("epas_staff={token}"))
        .send()
        .await
        .expect("GET");
    assert_eq!(
        replay.status(),
        303,
        "the copied cookie no longer opens anything"
    );
    assert_eq!(app.audit_of("logout").await[0].actor, "manager.b");
}

async fn a_forged_or_unknown_cookie_is_no_session(app: Backoffice) {
    let client = app.browser().client;
    for value in [
        "",
        "x",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "'; DROP TABLE staff_users; --",
    ] {
        let reply = client
            .get(format!("{}/admin/audit", app.address))
            .header("cookie", format!("epas_staff={value}"))
            .send()
            .await
            .expect("GET");
        assert_eq!(reply.status(), 303, "{value:?}");
    }
}
