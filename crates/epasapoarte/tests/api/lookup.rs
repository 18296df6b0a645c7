//! J5 through the API: the same 202 whether or not an address is known.

use serde_json::json;

use super::support::TestApp;
use crate::on_both_backends;

on_both_backends!(lookup_answers_202_either_way_and_mails_only_known_addresses);

async fn lookup_answers_202_either_way_and_mails_only_known_addresses(app: TestApp) {
    let body = app.booking_body(1, 2000).await;
    assert_eq!(app.book(&body).await.status(), 201);
    let before = app.deliver().await.len();
    let known = app
        .post(
            "/api/v1/lookup",
            &json!({"email": "ANA.popescu@example.ro"}),
        )
        .await;
    let unknown = app
        .post("/api/v1/lookup", &json!({"email": "nobody@example.ro"}))
        .await;
    assert_eq!(known.status(), 202);
    assert_eq!(unknown.status(), 202);
    assert_eq!(
        known.text().await.unwrap(),
        unknown.text().await.unwrap(),
        "identical answers"
    );
    // The lookup runs in the background: wait for its e-mail to be queued.
    let mut mails = Vec::new();
    for _ in 0..100 {
        mails = app.deliver().await;
        if mails.len() > before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(
        mails.len(),
        before + 1,
        "one e-mail, to the known address only"
    );
    let lookup = mails.last().unwrap();
    assert_eq!(
        lookup.to.to_lowercase(),
        "ana.popescu@example.ro",
        "matched without regard to case"
    );
    assert!(
        lookup.text.contains("/programare/anuleaza/"),
        "with a cancel link"
    );
    // Issue 12: the booking is not confirmed yet, and the e-mail says so, with a confirm
    // link of its own that works.
    assert!(
        lookup
            .text
            .contains("Stare: Neconfirmată încă: confirmați-o până"),
        "{}",
        lookup.text
    );
    let start = lookup
        .text
        .find("/programare/confirma/")
        .expect("a confirm link")
        + "/programare/confirma/".len();
    let token: String = lookup.text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let confirmed = app
        .post("/api/v1/bookings/confirm", &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    // Asked again, the same booking is listed as confirmed, with no confirm link.
    let again = app
        .post(
            "/api/v1/lookup",
            &json!({"email": "ana.popescu@example.ro"}),
        )
        .await;
    assert_eq!(again.status(), 202);
    let mut answer = None;
    for _ in 0..100 {
        answer = app
            .deliver()
            .await
            .into_iter()
            .rev()
            .find(|m| m.subject.contains("Programările"));
        if answer
            .as_ref()
            .is_some_and(|m| m.text.contains("Stare: Confirmată"))
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let answer = answer.expect("a second lookup answer");
    assert!(answer.text.contains("Stare: Confirmată"), "{}", answer.text);
    assert!(!answer.text.contains("/programare/confirma/"));
    assert_eq!(
        app.post("/api/v1/lookup", &json!({"email": "not an address"}))
            .await
            .status(),
        422
    );
}
