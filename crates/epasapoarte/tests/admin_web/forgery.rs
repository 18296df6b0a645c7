//! Forged requests: a back-office form without this browser's anti-forgery token is
//! refused (403) before anything happens, and the attempt is written to the audit log —
//! with the staff member's name when a session came with it.

use epasapoarte::store::AuditFilter;

use super::support::{Backoffice, PASSWORD, Persona};
use crate::on_both_backends;

on_both_backends!(
    a_form_without_the_right_token_is_refused_and_audited,
    a_token_from_another_browser_does_not_work,
);

async fn a_form_without_the_right_token_is_refused_and_audited(app: Backoffice) {
    let admin = app.signed_in(Persona::Admin).await;
    let new = "x".repeat(20);
    let fields = [
        ("current_password", PASSWORD),
        ("new_password", new.as_str()),
        ("new_password_again", new.as_str()),
    ];

    let forged = admin.post_raw("/admin/parola", &fields).await;
    let wrong = admin.post_raw("/admin/iesire", &[("csrf", "0000")]).await;
    let anonymous = app
        .browser()
        .post_raw(
            "/admin/login",
            &[("username", "admin"), ("password", PASSWORD)],
        )
        .await;

    assert_eq!(
        (forged.status, wrong.status, anonymous.status),
        (403, 403, 403)
    );
    assert!(forged.body.contains("Formularul a expirat"));
    assert!(
        anonymous
            .cookies
            .iter()
            .all(|c| !c.starts_with("epas_staff=")),
        "no session from a forged login"
    );
    assert_eq!(
        admin.get("/admin").await.status,
        200,
        "the refused sign-out changed nothing"
    );
    assert_eq!(
        app.browser().login("admin", PASSWORD).await.status,
        303,
        "nor the password"
    );
    let by_admin = app
        .audit(AuditFilter {
            actor: Some("admin".into()),
            action: Some("csrf.refused".into()),
            ..AuditFilter::default()
        })
        .await;
    let targets: Vec<&str> = by_admin
        .iter()
        .filter_map(|line| line.target.as_deref())
        .collect();
    assert_eq!(targets, ["POST /admin/iesire", "POST /admin/parola"]);
    let anonymous_lines = app
        .audit(AuditFilter {
            actor: Some("anonymous".into()),
            action: Some("csrf.refused".into()),
            ..AuditFilter::default()
        })
        .await;
    assert_eq!(anonymous_lines.len(), 1);
}

async fn a_token_from_another_browser_does_not_work(app: Backoffice) {
    let victim = app.signed_in(Persona::ManagerA).await;
    let attacker = app.browser();
    let attackers_token = attacker.csrf().await;

    let reply = victim
        .post_raw("/admin/iesire", &[("csrf", attackers_token.as_str())])
        .await;

    assert_eq!(reply.status, 403);
    assert_eq!(victim.get("/admin").await.status, 200);
}
