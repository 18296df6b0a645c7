//! The back office's pages in both languages, with no catalogue key left unresolved, and
//! the same look and frame as the public site.

use super::support::{Backoffice, Persona, unresolved_keys};
use crate::on_both_backends;

on_both_backends!(every_page_reads_well_in_romanian_and_english);

async fn every_page_reads_well_in_romanian_and_english(app: Backoffice) {
    let admin = app.signed_in(Persona::Admin).await;
    let office = format!("/admin/birouri/{}", app.office_a);
    let pages = [
        "/admin",
        "/admin/parola",
        "/admin/audit",
        "/admin/utilizatori",
        "/admin/birouri",
        office.as_str(),
    ];
    for (lang, marker) in [("en", "Sign out"), ("ro", "Ieșire")] {
        for path in pages {
            let reply = admin.get(&format!("{path}?lang={lang}")).await;
            assert_eq!(reply.status, 200, "{path} in {lang}");
            assert!(
                reply.body.contains(&format!("<html lang=\"{lang}\"")),
                "{path} in {lang}"
            );
            assert!(
                reply.body.contains(marker),
                "{path} in {lang} has the staff bar"
            );
            assert_eq!(reply.body.matches("<h1").count(), 1, "{path}: one h1");
            assert!(
                unresolved_keys(&reply.body).is_empty(),
                "{path} {lang}: {:?}",
                unresolved_keys(&reply.body)
            );
        }
    }
    let login = app.browser().get("/admin/login?lang=en").await;
    for text in ["Username", "Password", "Sign in"] {
        assert!(login.body.contains(text), "{text}");
    }
    let users = admin.get("/admin/utilizatori").await;
    for name in ["clerk.a", "manager.b", "admin"] {
        assert!(users.body.contains(name), "{name} is listed");
    }
    assert!(!users.body.contains("$argon2id$"), "hashes are never shown");
}
