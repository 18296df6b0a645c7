//! `/admin/login`: success opens a strict, HttpOnly session cookie scoped to `/admin`;
//! a wrong password and an unknown user get the same status and page; five failures stop
//! that account from that address for 15 minutes and say so (429), while the account's
//! owner elsewhere only ever waits a minute; a hundred failures from one address shut it
//! out for 15 minutes.

use chrono::Duration;

use super::support::{Backoffice, PASSWORD, Persona, session_token, unresolved_keys};
use crate::on_both_backends;

on_both_backends!(
    signing_in_opens_the_dashboard_with_a_strict_session_cookie,
    a_wrong_password_and_an_unknown_user_get_the_same_answer,
    five_failures_stop_that_account_from_that_address_for_fifteen_minutes,
    many_failures_from_one_address_shut_it_out_for_a_while,
    guessing_from_many_addresses_never_locks_the_owner_out,
);

/// The address a test signs in from through the service (the browser is 127.0.0.1).
fn elsewhere(n: u8) -> std::net::IpAddr {
    std::net::IpAddr::from([10, 0, 0, n])
}

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
    let empty = browser.login("", " ").await;

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
    // Empty fields are the form's errors, each named, and no login attempt at all.
    assert_eq!(empty.status, 422);
    for named in [
        "Completați Utilizator",
        "Completați Parolă",
        "href=\"#username\"",
        "href=\"#password\"",
    ] {
        assert!(empty.body.contains(named), "{named}");
    }
    let failures = app.audit_of("login.failed").await;
    assert_eq!(failures.len(), 3);
    assert!(failures.iter().all(|line| line.actor == "anonymous"));
    assert!(
        failures
            .iter()
            .all(|line| !line.after.clone().unwrap_or_default().contains("parola"))
    );
}

async fn five_failures_stop_that_account_from_that_address_for_fifteen_minutes(app: Backoffice) {
    let browser = app.browser();
    let staff = epasapoarte::staff::StaffService::of(&app.state.service);
    let refused = browser.login("clerk.a", "greșită 1").await;
    for n in 2..=5 {
        assert_eq!(
            browser
                .login("clerk.a", &format!("greșită {n}"))
                .await
                .status,
            422
        );
    }

    let while_locked = browser.login("clerk.a", PASSWORD).await;

    assert_eq!(refused.status, 422);
    assert_eq!(
        while_locked.status, 429,
        "the right password is not even tried"
    );
    assert!(
        while_locked
            .body
            .contains("Prea multe încercări nereușite. Încercați din nou peste 15 minute."),
        "{}",
        while_locked.body
    );
    assert!(session_token(&while_locked).is_none());
    assert_eq!(app.audit_of("login.locked").await.len(), 1);
    assert_eq!(
        app.audit_of("login.failed").await.len(),
        5,
        "a refused try is not a failure"
    );
    app.advance(Duration::minutes(14));
    let last_minute = browser.login("clerk.a", PASSWORD).await;
    assert_eq!(last_minute.status, 429);
    assert!(last_minute.body.contains("peste un minut."));
    // The same account from another address is not locked.
    let from_elsewhere = staff
        .login("clerk.a", PASSWORD, elsewhere(1))
        .await
        .unwrap();
    assert!(matches!(
        from_elsewhere,
        epasapoarte::staff::LoginOutcome::SignedIn { .. }
    ));
    app.advance(Duration::minutes(2));
    assert_eq!(browser.login("clerk.a", PASSWORD).await.status, 303);
    let other = app.signed_in(Persona::ClerkB).await;
    assert_eq!(
        other.get("/admin").await.status,
        200,
        "other accounts were never locked"
    );
}

async fn guessing_from_many_addresses_never_locks_the_owner_out(app: Backoffice) {
    // Someone guesses clerk.a's password from twenty addresses, four tries each.
    let staff = epasapoarte::staff::StaffService::of(&app.state.service);
    let mut outcomes = Vec::new();
    for n in 0..20 {
        for _ in 0..4 {
            outcomes.push(
                staff
                    .login("clerk.a", "ghicită", elsewhere(n))
                    .await
                    .unwrap(),
            );
            app.advance(Duration::seconds(61));
        }
    }
    let browser = app.browser();

    // Each try waited its turn: none was refused outright for the pair.
    assert!(
        outcomes
            .iter()
            .all(|o| *o == epasapoarte::staff::LoginOutcome::Refused)
    );
    // Right after a guess the owner waits a minute at most, then signs in.
    staff
        .login("clerk.a", "ghicită", elsewhere(99))
        .await
        .unwrap();
    let waiting = browser.login("clerk.a", PASSWORD).await;
    assert_eq!(waiting.status, 429);
    assert!(waiting.body.contains("peste un minut."), "{}", waiting.body);
    app.advance(Duration::seconds(61));
    assert_eq!(browser.login("clerk.a", PASSWORD).await.status, 303);
}

async fn many_failures_from_one_address_shut_it_out_for_a_while(app: Backoffice) {
    let browser = app.browser();
    for n in 0..100 {
        let reply = browser.login(&format!("ghicit{n}"), "orice parolă").await;
        assert_eq!(reply.status, 422, "failure {n}");
    }

    let shut_out = browser.login("admin", PASSWORD).await;

    assert_eq!(
        shut_out.status, 429,
        "even the right password, from this address"
    );
    assert!(session_token(&shut_out).is_none());
    assert_eq!(app.audit_of("login.throttled").await.len(), 1);
    app.advance(Duration::minutes(16));
    assert_eq!(browser.login("admin", PASSWORD).await.status, 303);
}
