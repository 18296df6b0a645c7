//! A staff change and its audit line commit together or not at all (issue 10 item 3):
//! while the database refuses audit lines (a trigger stands in for a full disk or a
//! broken audit table), the change is refused too and nothing of it is kept; once lines
//! are accepted again, the same action goes through with exactly one line.

use epasapoarte_domain::booking::BookingStatus;
use sqlx::Connection;

use super::counter::{at_the_appointment, book, status};
use super::counter_support::adult;
use super::support::{Backoffice, PASSWORD, Persona, session_token};
use crate::on_both_backends;

on_both_backends!(
    a_counter_move_whose_audit_line_cannot_be_written_does_not_happen,
    a_restriction_whose_audit_line_cannot_be_written_is_not_added,
    a_sign_in_whose_audit_line_cannot_be_written_opens_no_session,
);

/// Makes the database refuse (or accept again) every new audit line.
async fn refuse_audit_lines(app: &Backoffice, refuse: bool) {
    let url = app.state.service.config.database_url.expose().to_owned();
    let statements: &[&str] = match (url.starts_with("postgres"), refuse) {
        (true, true) => &[
            "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'audit lines refused by the test'; END $$",
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION refuse_audit()",
        ],
        (true, false) => &[
            "DROP TRIGGER refuse_audit ON audit_log",
            "DROP FUNCTION refuse_audit()",
        ],
        (false, true) => &["CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit lines refused by the test'); END"],
        (false, false) => &["DROP TRIGGER refuse_audit"],
    };
    if url.starts_with("postgres") {
        let mut conn = sqlx::PgConnection::connect(&url).await.expect("connecting");
        for sql in statements {
            sqlx::query(sql).execute(&mut conn).await.expect(sql);
        }
    } else {
        let mut conn = sqlx::SqliteConnection::connect(&url)
            .await
            .expect("connecting");
        for sql in statements {
            sqlx::query(sql).execute(&mut conn).await.expect(sql);
        }
    }
}

async fn a_counter_move_whose_audit_line_cannot_be_written_does_not_happen(app: Backoffice) {
    let booking = book(&app, app.office_a, 2, 1100, true).await;
    at_the_appointment(&app, &booking);
    let clerk = app.signed_in(Persona::ClerkA).await;

    refuse_audit_lines(&app, true).await;
    let refused = clerk
        .post(&booking.action("prezenta"), &[("programare", &booking.id)])
        .await;
    let status_while_refused = status(&app, &booking).await;
    refuse_audit_lines(&app, false).await;
    let lines_while_refused = app.audit_of("booking.checked_in").await.len();

    assert_eq!(refused.status, 500, "the move failed as a whole");
    assert_eq!(
        status_while_refused,
        BookingStatus::Confirmed,
        "nothing of it kept"
    );
    assert_eq!(lines_while_refused, 0);

    let done = clerk
        .post(&booking.action("prezenta"), &[("programare", &booking.id)])
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(status(&app, &booking).await, BookingStatus::CheckedIn);
    let lines = app.audit_of("booking.checked_in").await;
    assert_eq!(lines.len(), 1, "one move, one line");
    assert!(
        lines[0]
            .before
            .as_deref()
            .unwrap_or("")
            .contains("confirmed")
    );
    assert!(
        lines[0]
            .after
            .as_deref()
            .unwrap_or("")
            .contains("checked_in")
    );
}

async fn a_restriction_whose_audit_line_cannot_be_written_is_not_added(app: Backoffice) {
    let admin = app.signed_in(Persona::Admin).await;
    let ends = (app.state.service.today_in_romania() + chrono::Days::new(30)).to_string();
    let cnp = adult(951);
    let form = [
        ("cnp", cnp.as_str()),
        ("legal_basis", "Legea nr. 248/2005, art. 38 lit. a"),
        ("ends_on", ends.as_str()),
    ];

    refuse_audit_lines(&app, true).await;
    let refused = admin.post("/admin/restrictii", &form).await;
    let registry_while_refused = app.state.service.restrictions().await.expect("registry");
    refuse_audit_lines(&app, false).await;

    assert_eq!(refused.status, 500);
    assert!(
        registry_while_refused.is_empty(),
        "no restriction without its line"
    );
    assert!(app.audit_of("restriction.added").await.is_empty());

    let added = admin.post("/admin/restrictii", &form).await;
    assert_eq!(added.status, 303);
    let registry = app.state.service.restrictions().await.expect("registry");
    assert_eq!(registry.len(), 1);
    let lines = app.audit_of("restriction.added").await;
    assert_eq!(lines.len(), 1);
    assert_eq!(
        lines[0].target.as_deref(),
        Some(format!("restriction:{}", registry[0].id).as_str()),
        "the line names the restriction the change created"
    );
    assert!(
        !lines[0]
            .after
            .as_deref()
            .unwrap_or("")
            .contains("1850314120014")
    );
}

async fn a_sign_in_whose_audit_line_cannot_be_written_opens_no_session(app: Backoffice) {
    let browser = app.browser();
    refuse_audit_lines(&app, true).await;
    let refused = browser.login("clerk.a", PASSWORD).await;
    let dashboard_while_refused = browser.get("/admin").await;
    refuse_audit_lines(&app, false).await;

    assert_eq!(refused.status, 500);
    assert!(session_token(&refused).is_none(), "no session cookie");
    assert_ne!(dashboard_while_refused.status, 200, "not signed in");
    assert!(app.audit_of("login.succeeded").await.is_empty());

    let signed_in = browser.login("clerk.a", PASSWORD).await;
    assert_eq!(signed_in.status, 303);
    assert_eq!(browser.get("/admin").await.status, 200);
    assert_eq!(app.audit_of("login.succeeded").await.len(), 1);
}
