//! Staff management in the back office (issue 12 item 14): a manager creates, disables,
//! enables and resets the clerks of the own office and nobody else; an admin does it for
//! everyone but themselves. A temporary password is shown once, on the answer to the
//! POST; each change ends the account's sessions where it should and is audit-logged.

use super::support::{Backoffice, PASSWORD, Persona};
use crate::on_both_backends;

on_both_backends!(
    a_manager_creates_a_clerk_who_signs_in_with_the_temporary_password,
    a_manager_disables_enables_and_resets_a_clerk_of_the_own_office_only,
    an_admin_manages_every_account_but_the_own,
);

async fn user_id(app: &Backoffice, username: &str) -> String {
    app.state
        .service
        .store
        .staff_user_by_username(username)
        .await
        .unwrap()
        .expect("the account")
        .id
        .to_string()
}

fn temporary_password(body: &str) -> String {
    let marker = "id=\"temporary-password\" class=\"agenda-ref\">";
    let at = body.find(marker).expect("a temporary password") + marker.len();
    body[at..].chars().take_while(|c| *c != '<').collect()
}

async fn a_manager_creates_a_clerk_who_signs_in_with_the_temporary_password(app: Backoffice) {
    let manager = app.signed_in(Persona::ManagerA).await;
    let page = format!("/admin/birouri/{}/personal", app.office_a);

    let list = manager.get(&page).await;
    let created = manager
        .post(&page, &[("username", "ghiseu.nou"), ("role", "clerk")])
        .await;
    let as_manager = manager
        .post(&page, &[("username", "sef.nou"), ("role", "manager")])
        .await;
    let bad_name = manager
        .post(&page, &[("username", "Ion Pop!"), ("role", "clerk")])
        .await;
    let taken = manager
        .post(&page, &[("username", "clerk.a"), ("role", "clerk")])
        .await;

    assert_eq!(list.status, 200);
    assert!(list.body.contains(">clerk.a<") && list.body.contains(">manager.a<"));
    assert!(!list.body.contains(">clerk.b<"), "only the own office");
    let clerk_a = user_id(&app, "clerk.a").await;
    let manager_a = user_id(&app, "manager.a").await;
    assert!(
        list.body
            .contains(&format!("name=\"utilizator\" value=\"{clerk_a}\""))
    );
    assert!(
        !list
            .body
            .contains(&format!("name=\"utilizator\" value=\"{manager_a}\"")),
        "no buttons for the manager's own account"
    );
    assert_eq!(created.status, 200, "{}", created.body);
    let password = temporary_password(&created.body);
    assert_eq!(password.len(), 19);
    let browser = app.browser();
    assert_eq!(browser.login("ghiseu.nou", &password).await.status, 303);
    assert_eq!(browser.get("/admin").await.status, 200);
    let audit = app.audit_of("user.created").await;
    assert!(audit.iter().any(|line| line.actor == "manager.a"));
    assert!(
        audit
            .iter()
            .all(|line| !line.after.clone().unwrap_or_default().contains(&password)),
        "the password is never logged"
    );
    assert_eq!(as_manager.status, 422, "a manager creates clerks only");
    assert!(as_manager.body.contains("href=\"#role\""));
    assert_eq!(bad_name.status, 422);
    assert!(bad_name.body.contains("Completați Utilizator"));
    assert_eq!(taken.status, 422);
    assert!(taken.body.contains("Există deja un cont"));
}

async fn a_manager_disables_enables_and_resets_a_clerk_of_the_own_office_only(app: Backoffice) {
    let manager = app.signed_in(Persona::ManagerA).await;
    let clerk = app.signed_in(Persona::ClerkA).await;
    let base = format!("/admin/birouri/{}/personal", app.office_a);
    let other_base = format!("/admin/birouri/{}/personal", app.office_b);
    let (clerk_a, clerk_b, manager_a) = (
        user_id(&app, "clerk.a").await,
        user_id(&app, "clerk.b").await,
        user_id(&app, "manager.a").await,
    );

    let disabled = manager
        .post(
            &format!("{base}/stare"),
            &[
                ("utilizator", clerk_a.as_str()),
                ("actiune", "dezactiveaza"),
            ],
        )
        .await;
    let session_after = clerk.get("/admin").await;
    let login_while_disabled = app.browser().login("clerk.a", PASSWORD).await;
    let enabled = manager
        .post(
            &format!("{base}/stare"),
            &[("utilizator", clerk_a.as_str()), ("actiune", "activeaza")],
        )
        .await;
    let reset = manager
        .post(
            &format!("{base}/parola"),
            &[("utilizator", clerk_a.as_str())],
        )
        .await;
    let elsewhere = [
        manager
            .post(
                &format!("{base}/parola"),
                &[("utilizator", clerk_b.as_str())],
            )
            .await,
        manager
            .post(
                &format!("{other_base}/parola"),
                &[("utilizator", clerk_b.as_str())],
            )
            .await,
        manager
            .post(
                &format!("{base}/parola"),
                &[("utilizator", manager_a.as_str())],
            )
            .await,
    ];

    assert_eq!(disabled.status, 303);
    assert!(
        disabled
            .location
            .as_deref()
            .is_some_and(|to| to.ends_with("?rezultat=dezactivat"))
    );
    assert_eq!(session_after.status, 303, "the clerk's session ended");
    assert_eq!(login_while_disabled.status, 422);
    assert_eq!(enabled.status, 303);
    assert_eq!(reset.status, 200);
    let password = temporary_password(&reset.body);
    let browser = app.browser();
    assert_eq!(
        browser.login("clerk.a", PASSWORD).await.status,
        422,
        "the old one is gone"
    );
    assert_eq!(browser.login("clerk.a", &password).await.status, 303);
    assert_eq!(
        elsewhere.iter().map(|r| r.status).collect::<Vec<_>>(),
        [404, 404, 404],
        "another office's clerk, another office's page, the own account"
    );
    for action in ["user.disabled", "user.enabled", "user.password_reset"] {
        let lines = app.audit_of(action).await;
        assert_eq!(lines.len(), 1, "{action}");
        assert_eq!(lines[0].actor, "manager.a");
    }
    assert!(app.audit_of("access.denied").await.len() >= 2);
}

async fn an_admin_manages_every_account_but_the_own(app: Backoffice) {
    let admin = app.signed_in(Persona::Admin).await;
    let (manager_b, own) = (
        user_id(&app, "manager.b").await,
        user_id(&app, "admin").await,
    );

    let list = admin.get("/admin/utilizatori").await;
    let disabled = admin
        .post(
            "/admin/utilizatori/stare",
            &[
                ("utilizator", manager_b.as_str()),
                ("actiune", "dezactiveaza"),
            ],
        )
        .await;
    let own_account = admin
        .post(
            "/admin/utilizatori/stare",
            &[("utilizator", own.as_str()), ("actiune", "dezactiveaza")],
        )
        .await;
    let reset = admin
        .post(
            "/admin/utilizatori/parola",
            &[("utilizator", manager_b.as_str())],
        )
        .await;
    let new_manager = admin
        .post(
            &format!("/admin/birouri/{}/personal", app.office_b),
            &[("username", "sef.b2"), ("role", "manager")],
        )
        .await;

    assert_eq!(list.status, 200);
    assert!(
        list.body
            .contains(&format!("/admin/birouri/{}/personal", app.office_b))
    );
    assert_eq!(disabled.status, 303);
    assert_eq!(app.browser().login("manager.b", PASSWORD).await.status, 422);
    assert_eq!(own_account.status, 404);
    assert_eq!(admin.get("/admin").await.status, 200, "still signed in");
    assert_eq!(reset.status, 200);
    assert!(reset.body.contains("id=\"temporary-password\""));
    assert_eq!(new_manager.status, 200, "{}", new_manager.body);
    let password = temporary_password(&new_manager.body);
    assert_eq!(app.browser().login("sef.b2", &password).await.status, 303);
}
