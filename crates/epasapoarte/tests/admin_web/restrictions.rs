//! The restrictions registry pages: an admin adds and lifts restrictions (both audited
//! with the CNP's tail only), bad input gets the error summary, and nobody else may
//! open or change the registry.

use super::counter_support::{adult, in_days};
use super::support::{Backoffice, Persona};
use crate::on_both_backends;

on_both_backends!(
    an_admin_adds_and_lifts_a_restriction,
    a_restriction_without_an_end_date_is_refused_with_the_summary,
    clerks_and_managers_may_not_touch_the_registry,
    empty_fields_are_named_in_the_error_summary,
);

async fn an_admin_adds_and_lifts_a_restriction(app: Backoffice) {
    let admin = app.signed_in(Persona::Admin).await;
    let cnp = adult(950);
    let ends = in_days(&app, 30);

    let added = admin
        .post(
            "/admin/restrictii",
            &[
                ("cnp", cnp.as_str()),
                ("legal_basis", "Legea nr. 248/2005, art. 38 lit. a"),
                ("ends_on", ends.as_str()),
            ],
        )
        .await;
    let listed = admin.get("/admin/restrictii?adaugata=1").await;
    let id = app
        .state
        .service
        .restrictions()
        .await
        .expect("the registry")[0]
        .id;
    let lifted = admin
        .post("/admin/restrictii/ridicare", &[("id", &id.to_string())])
        .await;
    let after_lifting = admin.get("/admin/restrictii").await;
    let unknown = admin
        .post("/admin/restrictii/ridicare", &[("id", "999999")])
        .await;

    assert_eq!(
        (added.status, added.location.as_deref()),
        (303, Some("/admin/restrictii?adaugata=1"))
    );
    assert_eq!(listed.status, 200);
    let tail = format!("…{}", &cnp[9..]);
    assert!(listed.body.contains(&format!(">{tail}<")));
    assert!(!listed.body.contains(&cnp), "only the CNP's tail is shown");
    assert!(listed.body.contains("În vigoare"));
    assert!(listed.body.contains("Restricția a fost adăugată."));
    assert_eq!(lifted.status, 303);
    assert!(after_lifting.body.contains("Ridicată"));
    assert_eq!(unknown.status, 404);
    let audit_added = app.audit_of("restriction.added").await;
    let audit_lifted = app.audit_of("restriction.lifted").await;
    assert_eq!((audit_added.len(), audit_lifted.len()), (1, 1));
    let text = format!("{audit_added:?}");
    assert!(text.contains(&tail) && !text.contains(&cnp));
    assert_eq!(
        audit_lifted[0].target.as_deref(),
        Some(format!("restriction:{id}").as_str())
    );
}

async fn a_restriction_without_an_end_date_is_refused_with_the_summary(app: Backoffice) {
    let admin = app.signed_in(Persona::Admin).await;

    let reply = admin
        .post(
            "/admin/restrictii",
            &[("cnp", "1234"), ("legal_basis", "Legea nr. 248/2005")],
        )
        .await;

    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("error-summary"));
    assert!(reply.body.contains("href=\"#cnp\""));
    assert!(reply.body.contains("href=\"#ends_on\""));
    assert!(
        reply.body.contains("value=\"Legea nr. 248/2005\""),
        "typed values stay"
    );
    assert!(app.audit_of("restriction.added").await.is_empty());
}

async fn clerks_and_managers_may_not_touch_the_registry(app: Backoffice) {
    for persona in [Persona::ClerkA, Persona::ManagerB] {
        let browser = app.signed_in(persona).await;
        let cnp = adult(960);
        let ends = in_days(&app, 10);
        let list = browser.get("/admin/restrictii").await;
        let add = browser
            .post(
                "/admin/restrictii",
                &[
                    ("cnp", cnp.as_str()),
                    ("legal_basis", "x"),
                    ("ends_on", ends.as_str()),
                ],
            )
            .await;
        assert_eq!((list.status, add.status), (403, 403), "{persona:?}");
    }
    assert!(app.state.service.restrictions().await.unwrap().is_empty());
}

/// Issue 12: an empty form's errors each name their field ("Completați câmpul „CNP”."),
/// never the anonymous "Completați acest câmp.".
async fn empty_fields_are_named_in_the_error_summary(app: Backoffice) {
    let admin = app.signed_in(Persona::Admin).await;
    let clerk = app.signed_in(Persona::ClerkA).await;

    let restriction = admin.post("/admin/restrictii", &[]).await;
    let application = clerk
        .post(
            &format!("/admin/birouri/{}/cereri/noua", app.office_a),
            &[("passport_type", "passport_electronic")],
        )
        .await;

    for reply in [&restriction, &application] {
        assert_eq!(reply.status, 422);
        assert!(
            !reply.body.contains("Completați acest câmp."),
            "{}",
            reply.body
        );
    }
    assert!(
        restriction
            .body
            .contains("Introduceți codul numeric personal.")
    );
    assert!(
        restriction
            .body
            .contains("Completați câmpul „Temeiul legal”")
    );
    assert!(application.body.contains("Completați câmpul „Nume”"));
}
