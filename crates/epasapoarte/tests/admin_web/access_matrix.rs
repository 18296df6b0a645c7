//! THE ACCESS MATRIX: every `/admin` route of the route table, called by nobody, a clerk
//! and a manager of office A, a clerk and a manager of office B, and an admin — each
//! answer checked against the table below, and every refusal (403/404) found in the
//! audit log. A route added to the table without a row here fails
//! `every_route_has_a_row_in_the_matrix`.

use std::collections::BTreeSet;

use epasapoarte::store::AuditFilter;
use epasapoarte::web::admin::routes::ROUTES;

use super::support::{Backoffice, Persona};
use crate::on_both_backends;

/// Expected status per persona, in `Persona::ALL` order:
/// nobody, clerk A, manager A, clerk B, manager B, admin. `{office}` is office A.
const MATRIX: &[(&str, &str, [u16; 6])] = &[
    ("GET", "/admin/login", [200, 303, 303, 303, 303, 303]),
    ("POST", "/admin/login", [422, 422, 422, 422, 422, 422]),
    ("GET", "/admin", [303, 200, 200, 200, 200, 200]),
    (
        "GET",
        "/admin/birouri/{office}",
        [303, 403, 200, 404, 404, 200],
    ),
    (
        "GET",
        "/admin/birouri/{office}/agenda",
        [303, 200, 200, 404, 404, 200],
    ),
    (
        "POST",
        "/admin/birouri/{office}/agenda/cauta",
        [303, 200, 200, 404, 404, 200],
    ),
    (
        "POST",
        "/admin/birouri/{office}/agenda/prezenta",
        [303, 422, 422, 404, 404, 422],
    ),
    (
        "POST",
        "/admin/birouri/{office}/agenda/absent",
        [303, 422, 422, 404, 404, 422],
    ),
    (
        "POST",
        "/admin/birouri/{office}/agenda/absent-anulare",
        [303, 422, 422, 404, 404, 422],
    ),
    (
        "POST",
        "/admin/birouri/{office}/agenda/finalizare",
        [303, 422, 422, 404, 404, 422],
    ),
    (
        "POST",
        "/admin/birouri/{office}/agenda/anulare",
        [303, 422, 422, 404, 404, 422],
    ),
    (
        "POST",
        "/admin/birouri/{office}/agenda/cnp",
        [303, 422, 422, 404, 404, 422],
    ),
    ("GET", "/admin/birouri", [303, 403, 403, 403, 403, 200]),
    ("GET", "/admin/utilizatori", [303, 403, 403, 403, 403, 200]),
    // Without an account or an action: a 422 saying so.
    (
        "POST",
        "/admin/utilizatori/stare",
        [303, 403, 403, 403, 403, 422],
    ),
    (
        "POST",
        "/admin/utilizatori/parola",
        [303, 403, 403, 403, 403, 422],
    ),
    (
        "GET",
        "/admin/birouri/{office}/program-activitati",
        [303, 403, 200, 404, 404, 200],
    ),
    // Every time empty: every day closed, saved.
    (
        "POST",
        "/admin/birouri/{office}/program-activitati",
        [303, 403, 303, 404, 404, 303],
    ),
    (
        "GET",
        "/admin/birouri/{office}/declaratii",
        [303, 200, 200, 404, 404, 200],
    ),
    (
        "POST",
        "/admin/birouri/{office}/declaratii",
        [303, 422, 422, 404, 404, 422],
    ),
    // Without a number: back to the office's declarations.
    (
        "GET",
        "/admin/birouri/{office}/adeverinta",
        [303, 303, 303, 404, 404, 303],
    ),
    (
        "GET",
        "/admin/birouri/{office}/personal",
        [303, 403, 200, 404, 404, 200],
    ),
    (
        "POST",
        "/admin/birouri/{office}/personal",
        [303, 403, 422, 404, 404, 422],
    ),
    (
        "POST",
        "/admin/birouri/{office}/personal/stare",
        [303, 403, 422, 404, 404, 422],
    ),
    (
        "POST",
        "/admin/birouri/{office}/personal/parola",
        [303, 403, 422, 404, 404, 422],
    ),
    ("GET", "/admin/audit", [303, 403, 403, 403, 403, 200]),
    ("GET", "/admin/rapoarte", [303, 403, 403, 403, 403, 200]),
    (
        "GET",
        "/admin/birouri/{office}/rapoarte",
        [303, 403, 200, 404, 404, 200],
    ),
    (
        "GET",
        "/admin/birouri/{office}/rapoarte.csv",
        [303, 403, 200, 404, 404, 200],
    ),
    ("GET", "/admin/parola", [303, 200, 200, 200, 200, 200]),
    ("POST", "/admin/parola", [303, 422, 422, 422, 422, 422]),
    (
        "GET",
        "/admin/birouri/{office}/program",
        [303, 403, 200, 404, 404, 200],
    ),
    (
        "POST",
        "/admin/birouri/{office}/program",
        [303, 403, 422, 404, 404, 422],
    ),
    (
        "GET",
        "/admin/birouri/{office}/replanificare",
        [303, 403, 200, 404, 404, 200],
    ),
    (
        "POST",
        "/admin/birouri/{office}/replanificare",
        [303, 403, 422, 404, 404, 422],
    ),
    (
        "GET",
        "/admin/birouri/{office}/exceptii",
        [303, 403, 200, 404, 404, 200],
    ),
    (
        "POST",
        "/admin/birouri/{office}/exceptii",
        [303, 403, 422, 404, 404, 422],
    ),
    (
        "POST",
        "/admin/birouri/{office}/exceptii/stergere",
        [303, 403, 422, 404, 404, 422],
    ),
    (
        "GET",
        "/admin/birouri/{office}/setari",
        [303, 403, 200, 404, 404, 200],
    ),
    (
        "POST",
        "/admin/birouri/{office}/setari",
        [303, 403, 422, 404, 404, 422],
    ),
    (
        "GET",
        "/admin/birouri/{office}/cereri",
        [303, 200, 200, 404, 404, 200],
    ),
    (
        "POST",
        "/admin/birouri/{office}/cereri/cautare",
        [303, 422, 422, 404, 404, 422],
    ),
    (
        "GET",
        "/admin/birouri/{office}/cereri/noua",
        [303, 200, 200, 404, 404, 200],
    ),
    (
        "POST",
        "/admin/birouri/{office}/cereri/noua",
        [303, 422, 422, 404, 404, 422],
    ),
    // Without a number: back to the search page.
    (
        "GET",
        "/admin/birouri/{office}/cerere",
        [303, 303, 303, 404, 404, 303],
    ),
    (
        "POST",
        "/admin/birouri/{office}/cerere/status",
        [303, 303, 303, 404, 404, 303],
    ),
    ("GET", "/admin/restrictii", [303, 403, 403, 403, 403, 200]),
    ("POST", "/admin/restrictii", [303, 403, 403, 403, 403, 422]),
    // Without an id: nothing to lift, back to the list.
    (
        "POST",
        "/admin/restrictii/ridicare",
        [303, 403, 403, 403, 403, 303],
    ),
    // Last for each persona: it ends the session.
    ("POST", "/admin/iesire", [303, 303, 303, 303, 303, 303]),
];

#[test]
fn every_route_has_a_row_in_the_matrix() {
    let routes: Vec<(&str, &str)> = ROUTES.iter().map(|r| (r.verb.as_str(), r.path)).collect();
    let rows: Vec<(&str, &str)> = MATRIX
        .iter()
        .map(|(verb, path, _)| (*verb, *path))
        .collect();
    let unique: BTreeSet<_> = routes.iter().collect();
    assert_eq!(
        unique.len(),
        routes.len(),
        "a route appears twice in the table"
    );
    assert_eq!(
        unique,
        rows.iter().collect::<BTreeSet<_>>(),
        "the route table and the access matrix list different routes"
    );
}

on_both_backends!(
    every_route_answers_every_persona_as_the_matrix_says,
    another_offices_page_looks_like_no_page_at_all,
    every_dashboard_link_opens
);

async fn every_route_answers_every_persona_as_the_matrix_says(app: Backoffice) {
    let office_a = app.office_a.to_string();
    let mut failures = Vec::new();
    for (column, persona) in Persona::ALL.into_iter().enumerate() {
        let browser = app.signed_in(persona).await;
        for (verb, template, expected) in MATRIX {
            let path = template.replace("{office}", &office_a);
            let reply = if *verb == "GET" {
                browser.get(&path).await
            } else {
                browser.post(&path, &[]).await
            };
            let want = expected[column];
            if reply.status != want {
                failures.push(format!(
                    "{persona:?} {verb} {path}: {} (expected {want})",
                    reply.status
                ));
            }
            if persona == Persona::Anonymous && want == 303 {
                let to = reply.location.unwrap_or_default();
                assert!(
                    to.starts_with("/admin/login"),
                    "{verb} {path} sends nobody to {to}"
                );
            }
            if matches!(want, 403 | 404) {
                let refusals = app
                    .audit(AuditFilter {
                        actor: persona.username().map(str::to_owned),
                        action: Some("access.denied".to_owned()),
                        ..AuditFilter::default()
                    })
                    .await;
                let target = format!("{verb} {template}");
                let logged = refusals.iter().any(|line| {
                    line.target.as_deref() == Some(target.as_str())
                        && line.after.as_deref().is_some_and(|after| {
                            after
                                .replace(' ', "")
                                .contains(&format!("\"status\":{want}"))
                        })
                });
                if !logged {
                    failures.push(format!(
                        "{persona:?} {verb} {path}: the {want} is not in the audit log"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "the access matrix does not hold:\n{}",
        failures.join("\n")
    );
    let refusals = app.audit_of("access.denied").await;
    let expected = MATRIX
        .iter()
        .flat_map(|(_, _, row)| row.iter())
        .filter(|s| matches!(s, 403 | 404))
        .count();
    assert_eq!(
        refusals.len(),
        expected,
        "one audit line per refusal, no more"
    );
}

async fn another_offices_page_looks_like_no_page_at_all(app: Backoffice) {
    let clerk_b = app.signed_in(Persona::ClerkB).await;
    let admin = app.signed_in(Persona::Admin).await;

    let existing = clerk_b
        .get(&format!("/admin/birouri/{}", app.office_a))
        .await;
    let missing = clerk_b.get("/admin/birouri/999999").await;

    assert_eq!((existing.status, missing.status), (404, 404));
    let path_a = format!("/admin/birouri/{}?", app.office_a);
    assert_eq!(
        existing.body.replace(&path_a, "/admin/birouri/999999?"),
        missing.body,
        "nothing but the address tells an existing office from none"
    );
    assert_eq!(admin.get("/admin/birouri/999999").await.status, 404);
    assert_eq!(admin.get("/admin/birouri/abc").await.status, 404);
    assert_eq!(
        admin
            .get("/admin/birouri/99999999999999999999")
            .await
            .status,
        404
    );
    let own = app
        .signed_in(Persona::ManagerB)
        .await
        .get(&format!("/admin/birouri/{}", app.office_b))
        .await;
    assert_eq!(own.status, 200);
    assert!(own.body.contains("Programul săptămânal"));
}

async fn every_dashboard_link_opens(app: Backoffice) {
    for persona in Persona::ALL.into_iter().skip(1) {
        let browser = app.signed_in(persona).await;
        let home = browser.get("/admin").await;
        let list_start = home
            .body
            .find("id=\"admin-links\"")
            .expect("the list of links");
        let links: Vec<String> = home.body[list_start..]
            .split("href=\"")
            .skip(1)
            .map(|rest| rest.chars().take_while(|c| *c != '"').collect::<String>())
            .filter(|href| href.starts_with("/admin/"))
            .collect();
        assert!(
            links.contains(&"/admin/parola".to_owned()),
            "{persona:?}: {links:?}"
        );
        for link in &links {
            assert_eq!(
                browser.get(link).await.status,
                200,
                "{persona:?} follows {link}"
            );
        }
        let office_link = format!("/admin/birouri/{}", app.office_a);
        assert_eq!(
            links.contains(&office_link),
            persona == Persona::ManagerA,
            "{persona:?}: {links:?}"
        );
        assert_eq!(
            links.contains(&"/admin/audit".to_owned()),
            persona == Persona::Admin
        );
    }
}
