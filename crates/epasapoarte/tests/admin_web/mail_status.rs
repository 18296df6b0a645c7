//! Issue 13 item 1: admins see the outbox on the back office's home page — what waits,
//! for how long, what fails and what the relay refused for good; others do not.

use chrono::Duration;
use epasapoarte::store::Failure;
use serde_json::json;

use super::support::{Backoffice, Persona};
use crate::on_both_backends;
use crate::support::app::cnp;

on_both_backends!(an_admin_sees_the_mail_waiting_and_failing_and_a_manager_does_not);

/// The text of the element with `id`.
fn value_of(body: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\">");
    let at = body.find(&marker).unwrap_or_else(|| panic!("no #{id}")) + marker.len();
    body[at..].chars().take_while(|c| *c != '<').collect()
}

async fn an_admin_sees_the_mail_waiting_and_failing_and_a_manager_does_not(app: Backoffice) {
    // Arrange: a booking whose confirmation request waits, then is refused for good.
    let office = app.office_in("CJ").await["id"].as_i64().unwrap();
    let (date, time) = app.free_slot(office, 1).await;
    let body = json!({
        "office_id": office, "service": "passport_electronic", "date": date, "time": time,
        "applicant": {"last_name": "Popescu", "first_name": "Ana", "cnp": cnp(9100),
                      "email": "ana.popescu@example.ro"},
        "companions": [], "consent": true
    });
    assert_eq!(app.post("/api/v1/bookings", &body).await.status(), 201);
    let admin = app.signed_in(Persona::Admin).await;
    let manager = app.signed_in(Persona::ManagerA).await;
    let waiting = admin.get("/admin").await;

    let store = &app.state.service.store;
    let claimed = store
        .claim_outbox(app.now(), Duration::minutes(1), 10)
        .await
        .unwrap();
    let refused = Failure {
        error: "smtp permanent 550",
        undeliverable: true,
    };
    store
        .mark_failed(claimed[0].id, refused, app.now() + Duration::hours(1))
        .await
        .unwrap();
    app.advance(Duration::minutes(7));
    let failing = admin.get("/admin").await;
    let as_manager = manager.get("/admin").await;

    // Assert
    assert_eq!(waiting.status, 200);
    assert_eq!(value_of(&waiting.body, "mail-waiting"), "1");
    assert_eq!(value_of(&waiting.body, "mail-failing"), "0");
    assert!(!waiting.body.contains("panel--warning"), "nothing late yet");
    assert_eq!(value_of(&failing.body, "mail-waiting"), "1");
    assert_eq!(value_of(&failing.body, "mail-oldest"), "7 min");
    assert_eq!(value_of(&failing.body, "mail-failing"), "1");
    assert_eq!(value_of(&failing.body, "mail-undeliverable"), "1");
    assert!(failing.body.contains("panel--warning"));
    assert!(failing.body.contains("E-mailurile întârzie"));
    assert_eq!(as_manager.status, 200);
    assert!(!as_manager.body.contains("mail-waiting"), "admins only");
}
