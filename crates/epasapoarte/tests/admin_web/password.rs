//! `/admin/parola`: the current password, then the new one twice. Errors use the error
//! summary (422); success ends the account's other sessions and keeps this one.

use super::support::{Backoffice, PASSWORD, Persona, unresolved_keys};
use crate::on_both_backends;

on_both_backends!(
    a_new_password_replaces_the_old_and_ends_other_sessions,
    mistakes_are_listed_in_the_error_summary,
);

const NEW: &str = "o frază nouă, ușor de ținut minte";

async fn a_new_password_replaces_the_old_and_ends_other_sessions(app: Backoffice) {
    let browser = app.signed_in(Persona::ClerkB).await;
    let elsewhere = app.signed_in(Persona::ClerkB).await;
    let form = browser.get("/admin/parola").await;
    assert_eq!(form.status, 200);
    for label in [
        "Parola actuală",
        "Parola nouă",
        "Repetați parola nouă",
        "Schimbă parola",
    ] {
        assert!(form.body.contains(label), "{label}");
    }

    let reply = browser
        .post(
            "/admin/parola",
            &[
                ("current_password", PASSWORD),
                ("new_password", NEW),
                ("new_password_again", NEW),
            ],
        )
        .await;

    assert_eq!(
        (reply.status, reply.location.as_deref()),
        (303, Some("/admin?parola=schimbata"))
    );
    assert!(
        browser
            .get("/admin?parola=schimbata")
            .await
            .body
            .contains("Parola a fost schimbată")
    );
    assert_eq!(
        elsewhere.get("/admin").await.status,
        303,
        "the other session ended"
    );
    assert_eq!(
        app.browser().login("clerk.b", PASSWORD).await.status,
        422,
        "the old password"
    );
    assert_eq!(
        app.browser().login("clerk.b", NEW).await.status,
        303,
        "the new password"
    );
    assert_eq!(app.audit_of("password.changed").await[0].actor, "clerk.b");
}

async fn mistakes_are_listed_in_the_error_summary(app: Backoffice) {
    let browser = app.signed_in(Persona::Admin).await;
    let cases: [(&str, &str, &str, &str); 4] = [
        ("greșită", NEW, NEW, "Parola actuală nu este corectă"),
        (PASSWORD, "scurtă", "scurtă", "cel puțin 12 caractere"),
        (PASSWORD, NEW, "alta", "Cele două parole noi nu sunt la fel"),
        (PASSWORD, PASSWORD, PASSWORD, "diferită de cea actuală"),
    ];
    for (current, new, again, message) in cases {
        let reply = browser
            .post(
                "/admin/parola",
                &[
                    ("current_password", current),
                    ("new_password", new),
                    ("new_password_again", again),
                ],
            )
            .await;
        assert_eq!(reply.status, 422, "{message}");
        assert!(reply.body.contains("Există o problemă"), "{message}");
        assert!(reply.body.contains(message), "{message}: {}", reply.body);
        assert!(
            !reply.body.contains(PASSWORD) && !reply.body.contains(NEW),
            "never echoed"
        );
        assert!(
            unresolved_keys(&reply.body).is_empty(),
            "{:?}",
            unresolved_keys(&reply.body)
        );
    }
    assert_eq!(app.audit_of("password.change_refused").await.len(), 4);
    assert_eq!(
        app.browser().login("admin", PASSWORD).await.status,
        303,
        "unchanged"
    );
}
