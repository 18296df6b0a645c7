//! "Alt motiv" at the counter: the reason says nothing by itself, so the clerk must
//! explain it in words; the citizen receives the explanation with the cancellation
//! notice, and the audit log records only that there was one (free text may hold
//! personal data).

use epasapoarte::jobs;
use epasapoarte::mail::Mailer;
use epasapoarte_domain::booking::BookingStatus;

use super::counter::{EMAIL, book, status};
use super::support::{Backoffice, Persona};
use crate::on_both_backends;

on_both_backends!(another_reason_needs_an_explanation_which_the_citizen_receives);

async fn another_reason_needs_an_explanation_which_the_citizen_receives(app: Backoffice) {
    let booking = book(&app, app.office_a, 1, 5000, true).await;
    let mailer = Mailer::memory();
    jobs::deliver_once(&app.state.service, &mailer)
        .await
        .expect("delivering");
    let sent_before = mailer.sent().len();
    let clerk = app.signed_in(Persona::ClerkA).await;

    let unexplained = clerk
        .post(
            &booking.action("anulare"),
            &[
                ("programare", &booking.id),
                ("motiv", "other"),
                ("explicatie", "  \u{7} "),
            ],
        )
        .await;
    assert_eq!(unexplained.status, 422);
    assert!(
        unexplained
            .body
            .contains(&format!("href=\"#explicatie-{}\"", booking.id))
    );
    assert!(unexplained.body.contains("nu spune nimic singur"));
    let too_long = "x".repeat(301);
    let rambling = clerk
        .post(
            &booking.action("anulare"),
            &[
                ("programare", &booking.id),
                ("motiv", "other"),
                ("explicatie", &too_long),
            ],
        )
        .await;
    assert_eq!(rambling.status, 422);
    assert!(rambling.body.contains("cel mult 300 de caractere"));
    assert_eq!(status(&app, &booking).await, BookingStatus::Confirmed);

    let explanation = "Ghișeul este închis azi din cauza unei avarii.";
    let cancelled = clerk
        .post(
            &booking.action("anulare"),
            &[
                ("programare", &booking.id),
                ("motiv", "other"),
                ("explicatie", explanation),
            ],
        )
        .await;

    assert_eq!(cancelled.status, 303);
    assert_eq!(status(&app, &booking).await, BookingStatus::Cancelled);
    jobs::deliver_once(&app.state.service, &mailer)
        .await
        .expect("delivering");
    let sent = mailer.sent();
    assert_eq!(sent.len(), sent_before + 1);
    let mail = sent.last().expect("the cancellation e-mail");
    assert_eq!(mail.to, EMAIL);
    assert!(mail.text.contains("Motivul: Alt motiv."), "{}", mail.text);
    assert!(
        mail.text
            .contains(&format!("Explicația biroului: {explanation}")),
        "{}",
        mail.text
    );
    let lines = app.audit_of("booking.cancelled").await;
    let after = lines[0].after.as_deref().unwrap_or("");
    let recorded: serde_json::Value = serde_json::from_str(after).expect("JSON");
    assert_eq!(recorded["explained"], true, "{after}");
    assert!(
        !after.contains("avarii"),
        "the explanation stays out of the audit log"
    );
}
