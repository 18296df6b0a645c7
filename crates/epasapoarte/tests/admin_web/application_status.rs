//! Finding and moving applications through the pages: search by number and by CNP (the
//! CNP search audited by its tail), `ready` e-mailing the citizen and showing publicly,
//! `rejected` needing a reason, and a move the lifecycle forbids.

use super::counter_support::{adult, deliver, number_in, register_walk_in, walk_in};
use super::support::{Backoffice, Persona};
use crate::on_both_backends;

on_both_backends!(
    a_clerk_finds_an_application_by_number_and_by_cnp,
    ready_emails_the_citizen_and_the_public_status_says_ready,
    a_rejection_needs_a_reason_and_forbidden_moves_are_refused,
    a_temporary_passport_is_never_offered_for_shipping,
);

/// Issue 12: a temporary passport goes by no courier, so once ready the page offers
/// "handed over" only, and a forged "shipped" is refused; an electronic one ready at the
/// office may still be shipped (a courier asked for later).
async fn a_temporary_passport_is_never_offered_for_shipping(app: Backoffice) {
    let clerk = app.signed_in(Persona::ClerkA).await;
    let a = app.office_a;
    let cnp = adult(950);
    let mut fields = walk_in(&cnp, "96");
    fields[0] = ("passport_type", "passport_temporary");
    let registered = clerk
        .post(&format!("/admin/birouri/{a}/cereri/noua"), &fields)
        .await;
    assert_eq!(registered.status, 303, "{}", registered.body);
    let temporary = number_in(registered.location.as_deref().unwrap_or_default());
    let electronic = register_walk_in(&clerk, a, &adult(951)).await;
    let status_path = format!("/admin/birouri/{a}/cerere/status");
    for number in [&temporary, &electronic] {
        for status in ["in_production", "ready"] {
            let moved = clerk
                .post(
                    &status_path,
                    &[("numar", number.as_str()), ("status", status)],
                )
                .await;
            assert_eq!(moved.status, 303, "{status}: {}", moved.body);
        }
    }

    let temporary_page = clerk
        .get(&format!("/admin/birouri/{a}/cerere?numar={temporary}"))
        .await;
    let electronic_page = clerk
        .get(&format!("/admin/birouri/{a}/cerere?numar={electronic}"))
        .await;
    let forged = clerk
        .post(
            &status_path,
            &[("numar", temporary.as_str()), ("status", "shipped")],
        )
        .await;

    assert!(temporary_page.body.contains("value=\"handed_over\""));
    assert!(!temporary_page.body.contains("value=\"shipped\""));
    assert!(electronic_page.body.contains("value=\"shipped\""));
    assert_eq!(forged.status, 409);
}

async fn a_clerk_finds_an_application_by_number_and_by_cnp(app: Backoffice) {
    let clerk = app.signed_in(Persona::ClerkA).await;
    let a = app.office_a;
    let cnp = adult(700);
    let number = register_walk_in(&clerk, a, &cnp).await;

    let by_number = clerk
        .get(&format!(
            "/admin/birouri/{a}/cereri?numar={}",
            number.to_lowercase()
        ))
        .await;
    let by_cnp = clerk
        .post(
            &format!("/admin/birouri/{a}/cereri/cautare"),
            &[("cnp", cnp.as_str())],
        )
        .await;
    let bad_number = clerk
        .get(&format!("/admin/birouri/{a}/cereri?numar=XX-1"))
        .await;
    let bad_cnp = clerk
        .post(
            &format!("/admin/birouri/{a}/cereri/cautare"),
            &[("cnp", "123")],
        )
        .await;

    for found in [&by_number, &by_cnp] {
        assert_eq!(found.status, 200);
        assert!(
            found.body.contains(&format!(">{number}</a>")),
            "{}",
            found.body
        );
        assert!(found.body.contains("Ionescu Maria"));
    }
    assert_eq!((bad_number.status, bad_cnp.status), (422, 422));
    assert!(
        bad_cnp
            .body
            .contains("CNP-ul trebuie să aibă exact 13 cifre.")
    );
    let searches = app.audit_of("application.searched_by_cnp").await;
    assert_eq!(searches.len(), 1, "only the valid CNP search is a view");
    let after = searches[0].after.clone().unwrap_or_default();
    assert!(after.contains(&format!("…{}", &cnp[9..])) && !after.contains(&cnp));
}

async fn ready_emails_the_citizen_and_the_public_status_says_ready(app: Backoffice) {
    let clerk = app.signed_in(Persona::ClerkA).await;
    let a = app.office_a;
    let number = register_walk_in(&clerk, a, &adult(800)).await;
    let status_path = format!("/admin/birouri/{a}/cerere/status");

    let moves = [
        clerk
            .post(
                &status_path,
                &[("numar", number.as_str()), ("status", "in_production")],
            )
            .await,
        clerk
            .post(
                &status_path,
                &[("numar", number.as_str()), ("status", "ready")],
            )
            .await,
    ];
    let mails = deliver(&app).await;
    let public: serde_json::Value = reqwest::get(format!(
        "{}/api/v1/applications/status?number={number}",
        app.address
    ))
    .await
    .expect("GET")
    .json()
    .await
    .expect("JSON");
    let page = clerk
        .get(moves[1].location.as_deref().unwrap_or_default())
        .await;

    assert_eq!(moves.map(|m| m.status), [303, 303]);
    let ready: Vec<_> = mails
        .iter()
        .filter(|m| m.to == "maria.ionescu@example.ro" && m.text.contains(&number))
        .collect();
    assert_eq!(ready.len(), 1, "one e-mail: ready to collect");
    assert!(ready[0].subject.contains("gata de ridicare"));
    assert_eq!(public["status"], "ready");
    assert!(
        page.body
            .contains("id=\"application-status\">Gata de ridicare<")
    );
    assert!(page.body.contains("Starea cererii a fost schimbată."));
    let changes = app.audit_of("application.status_changed").await;
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0].actor, "clerk.a");
}

async fn a_rejection_needs_a_reason_and_forbidden_moves_are_refused(app: Backoffice) {
    let clerk = app.signed_in(Persona::ClerkA).await;
    let a = app.office_a;
    let number = register_walk_in(&clerk, a, &adult(900)).await;
    let status_path = format!("/admin/birouri/{a}/cerere/status");
    let n = number.as_str();

    let no_reason = clerk
        .post(&status_path, &[("numar", n), ("status", "rejected")])
        .await;
    let no_status = clerk.post(&status_path, &[("numar", n)]).await;
    let skipping = clerk
        .post(&status_path, &[("numar", n), ("status", "handed_over")])
        .await;
    let rejected = clerk
        .post(
            &status_path,
            &[
                ("numar", n),
                ("status", "rejected"),
                ("reason", "Fotografie necorespunzătoare"),
            ],
        )
        .await;
    let page = clerk
        .get(&format!("/admin/birouri/{a}/cerere?numar={n}"))
        .await;

    assert_eq!(no_reason.status, 422);
    assert!(no_reason.body.contains("href=\"#reason\""));
    assert_eq!(no_status.status, 422);
    assert_eq!(skipping.status, 409);
    assert!(skipping.body.contains("nu poate trece din starea actuală"));
    assert_eq!(rejected.status, 303);
    assert!(page.body.contains("Fotografie necorespunzătoare"));
    assert!(
        page.body
            .contains("id=\"application-status\">Cerere respinsă<")
    );
    assert!(
        !page.body.contains("id=\"status-form\""),
        "a final status has no moves"
    );
}
