//! SPEC J8 through the pages: a clerk records a lost, stolen or destroyed passport, the
//! office prints its numbered adeverință, and the public status lookup shows the holder's
//! issued passport as invalid. Each field's problem is named; another office's clerk
//! sees nothing of it.

use super::counter_support::{adult, register_walk_in};
use super::support::{Backoffice, Persona};
use crate::on_both_backends;

on_both_backends!(
    a_clerk_records_a_declaration_and_prints_its_numbered_adeverinta,
    a_declared_passport_is_shown_as_invalid_by_the_status_lookup,
);

fn declaration<'a>(kind: &'a str, cnp: &'a str, on: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", kind),
        ("last_name", "Ionescu"),
        ("first_name", "Maria"),
        ("cnp", cnp),
        ("passport_number", "051234567"),
        ("occurred_on", on),
        ("place", "În tren, pe ruta Cluj-Napoca – București"),
        ("police_certificate", ""),
    ]
}

async fn a_clerk_records_a_declaration_and_prints_its_numbered_adeverinta(app: Backoffice) {
    let clerk = app.signed_in(Persona::ClerkA).await;
    let path = format!("/admin/birouri/{}/declaratii", app.office_a);
    let today = app.state.service.today_in_romania().to_string();
    let cnp = adult(800);

    let form = clerk.get(&path).await;
    let theft = clerk
        .post(&path, &declaration("stolen", &cnp, &today))
        .await;
    let empty = clerk.post(&path, &[("kind", "lost")]).await;
    let recorded = clerk.post(&path, &declaration("lost", &cnp, &today)).await;
    let location = recorded.location.clone().unwrap_or_default();
    let printed = clerk.get(&location).await;
    let list = clerk.get(&path).await;
    let clerk_b = app.signed_in(Persona::ClerkB).await;
    let elsewhere = clerk_b
        .get(&location.replace(
            &format!("/birouri/{}/", app.office_a),
            &format!("/birouri/{}/", app.office_b),
        ))
        .await;

    assert_eq!(form.status, 200);
    assert_eq!(theft.status, 422, "a theft needs the police certificate");
    assert!(theft.body.contains("href=\"#police_certificate\""));
    assert!(
        theft
            .body
            .contains("completați numărul adeverinței de la poliție")
    );
    assert_eq!(empty.status, 422);
    assert!(
        empty.body.contains("Completați câmpul „Nume”"),
        "{}",
        empty.body
    );
    assert!(empty.body.contains("href=\"#place\""));
    assert_eq!(recorded.status, 303, "{}", recorded.body);
    let county = app
        .state
        .service
        .office(app.office_a)
        .await
        .expect("the office")
        .county_code;
    let number = format!("{county}-D-{}-000001", &today[..4]);
    assert!(
        location.ends_with(&format!("adeverinta?numar={number}")),
        "{location}"
    );
    assert_eq!(printed.status, 200);
    assert!(printed.body.contains(&format!(
        "ADEVERINȚĂ nr. <span id=\"certificate-number\">{number}</span>"
    )));
    assert!(
        printed.body.contains(&cnp),
        "the holder's CNP is on the document"
    );
    assert!(
        printed
            .body
            .contains("pierderea pașaportului nr. <strong>051234567</strong>")
    );
    assert!(list.body.contains(&format!(">{number}</a>")));
    assert_eq!(elsewhere.status, 404, "another office's clerk sees nothing");
    let recorded_lines = app.audit_of("declaration.recorded").await;
    assert_eq!(recorded_lines.len(), 1);
    let after = recorded_lines[0].after.clone().unwrap_or_default();
    assert!(
        after.contains(&cnp[9..]) && !after.contains(&cnp),
        "{after}"
    );
    assert_eq!(app.audit_of("declaration.printed").await.len(), 1);
}

async fn a_declared_passport_is_shown_as_invalid_by_the_status_lookup(app: Backoffice) {
    let clerk = app.signed_in(Persona::ClerkA).await;
    let a = app.office_a;
    let (handed, pending) = (adult(810), adult(811));
    let handed_number = register_walk_in(&clerk, a, &handed).await;
    let pending_number = register_walk_in(&clerk, a, &pending).await;
    let status_path = format!("/admin/birouri/{a}/cerere/status");
    for status in ["in_production", "ready", "handed_over"] {
        let moved = clerk
            .post(
                &status_path,
                &[("numar", handed_number.as_str()), ("status", status)],
            )
            .await;
        assert_eq!(moved.status, 303);
    }
    let today = app.state.service.today_in_romania().to_string();
    for cnp in [&handed, &pending] {
        let recorded = clerk
            .post(
                &format!("/admin/birouri/{a}/declaratii"),
                &declaration("destroyed", cnp, &today),
            )
            .await;
        assert_eq!(recorded.status, 303);
    }
    let status = |number: String| {
        let address = app.address.clone();
        async move {
            reqwest::get(format!(
                "{address}/api/v1/applications/status?number={number}"
            ))
            .await
            .expect("GET")
            .json::<serde_json::Value>()
            .await
            .expect("JSON")
        }
    };

    let invalid = status(handed_number.clone()).await;
    let not_yet = status(pending_number).await;

    assert_eq!(invalid["status"], "handed_over");
    assert_eq!(invalid["invalid"]["declared"], "destroyed");
    assert_eq!(invalid["invalid"]["on"], today);
    assert!(
        not_yet.get("invalid").is_none(),
        "a passport not issued yet is not the one declared: {not_yet}"
    );
}
