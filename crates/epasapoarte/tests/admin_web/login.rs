//! `/admin/login`: success opens a strict, HttpOnly session cookie scoped to `/admin`;
//! every failure gets the same status and the same page; five failures lock an account
//! for 15 minutes; twenty failures from one address shut it out for 15 minutes.

use chrono::Duration;

use super::support::{Backoffice, PASSWORD, Persona, session_token, unresolved_keys};
use crate::on_both_backends;

on_both_backends!(
    signing_in_opens_the_dashboard_with_a_strict_session_cookie,
    a_wrong_password_and_an_unknown_user_get_the_same_answer,
    five_failures_lock_the_account_for_fifteen_minutes,
    many_failures_from_one_address_shut_it_out_for_a_while,
);

async fn signing_in_opens_the_dashboard_with_a_strict_session_cookie(app: Backoffice) {
    let browser = app.browser();
    let form = browser.get("/admin/login").await;
    assert_eq!(form.status, 200);
    for text in ["Utilizator", "Parolă", "Autentificare", "name=\"csrf\""] {
        assert!(form.body.contains(text), "the login page shows {text}");
    }

    let reply = browser.login("Manager.A", PASSWORD).await;

    assert_eq!(
        (reply.status, reply.location.as_deref()),
        (303, Some("/admin"))
    );
    let cookie = reply
        .cookies
        .iter()
        .find(|c| c.starts_with("epas_staff="))
        .expect("a session cookie");
    for part in ["Path=/admin", "HttpOnly", "SameSite=Strict"] {
        assert!(cookie.contains(part), "{cookie} has {part}");
    }
    assert!(
        !cookie.contains("Max-Age"),
        "a browser-session cookie: {cookie}"
    );
    assert!(
        reply.cookies.iter().any(|c| c.starts_with("epas_sid=")),
        "the anti-forgery session is renewed"
    );
    let home = browser.get("/admin").await;
    assert_eq!(home.status, 200);
    assert!(
        home.body.contains("manager.a") && home.body.contains("Șef de birou"),
        "{}",
        home.body
    );
    assert!(home.body.contains("Ieșire"));
    assert!(
        unresolved_keys(&home.body).is_empty(),
        "{:?}",
        unresolved_keys(&home.body)
    );
    assert_eq!(app.audit_of("login.succeeded").await[0].actor, "manager.a");
    assert_eq!(
        browser.get("/admin/login").await.location.as_deref(),
        Some("/admin"),
        "already signed in"
    );
}

async fn a_wrong_password_and_an_unknown_user_get_the_same_answer(app: Backoffice) {
    let browser = app.browser();

    let wrong = browser.login("admin", "nu este parola bună").await;
    let unknown = browser.login("nimeni", "nu este parola bună").await;
    let malformed = browser.login("<script>", "x").await;

    assert_eq!(
        (wrong.status, unknown.status, malformed.status),
        (422, 422, 422)
    );
    assert!(wrong.body.contains("Utilizator sau parolă greșită"));
    assert_eq!(
        wrong.body,
        unknown.body.replace("value=\"nimeni\"", "value=\"admin\"")
    );
    assert!(
        !malformed.body.contains("<script>"),
        "the echoed username is escaped"
    );
    assert!(wrong.cookies.iter().all(|c| !c.starts_with("epas_staff=")));
    let failures = app.audit_of("login.failed").await;
    assert_eq!(failures.len(), 3);
    assert!(failures.iter().all(|line| line.actor == "anonymous"));
    assert!(
        failures
            .iter()
            .all(|line| !line.after.clone().unwrap_or_default().contains("parola"))
    );
}

async fn five_failures_lock_the_account_for_fifteen_minutes(app: Backoffice) {
    let browser = app.browser();
    let refused = browser.login("clerk.a", "greșită 1").await;
    for n in 2..=5 {
        browser.login("clerk.a", &format!("greșită {n}")).await;
    }

    let while_locked = browser.login("clerk.a", PASSWORD).await;

    assert_eq!(
        while_locked.status, 422,
        "the right password is refused while locked"
    );
    assert_eq!(while_locked.body, refused.body, "with the very same answer");
    assert_eq!(app.audit_of("login.locked").await.len(), 1);
    app.advance(Duration::minutes(14));
    assert_eq!(browser.login("clerk.a", PASSWORD).await.status, 422);
    app.advance(Duration::minutes(2));
    assert_eq!(browser.login("clerk.a", PASSWORD).await.status, 303);
    let other = app.signed_in(Persona::ClerkB).await;
    assert_eq!(
        other.get("/admin").await.status,
        200,
        "other accounts were never locked"
    );
}

async fn many_failures_from_one_address_shut_it_out_for_a_while(app: Backoffice) {
    let browser = app.browser();
    for n in 0..20 {
        let reply = browser.login(&format!("ghicit{n}"), "orice parolă").await;
        assert_eq!(reply.status, 422);
    }

    let shut_out = browser.login("admin", PASSWORD).await;

    assert_eq!(
        shut_out.status, 422,
        "even the right password, from this address"
    );
    assert!(session_token(&shut_out).is_none());
    assert_eq!(app.audit_of("login.throttled").await.len(), 1);
    app.advance(Duration::minutes(16));
    assert_eq!(browser.login("admin", PASSWORD).await.status, 303);
}
