//! The counter's moves from the agenda: check-in then completion, no-show once the slot
//! has started, cancellation with a reason (e-mail queued, seats freed), and the clear
//! answers to a move that is not possible (409) or a form without its reason (422).

use epasapoarte::jobs;
use epasapoarte::mail::Mailer;
use epasapoarte_domain::booking::BookingStatus;

use super::counter::{EMAIL, at_the_appointment, book, free_seats, status};
use super::support::{Backoffice, Persona};
use crate::on_both_backends;

on_both_backends!(
    a_clerk_checks_in_a_confirmed_booking_then_completes_it,
    a_no_show_is_marked_only_once_the_slot_has_started,
    cancelling_with_a_reason_emails_the_citizen_and_frees_the_seats,
    a_pending_booking_cannot_be_checked_in,
    a_no_show_can_be_undone_the_same_day_from_the_agenda,
    a_staff_cancel_gives_the_seats_back_through_the_delayed_release,
);

async fn a_clerk_checks_in_a_confirmed_booking_then_completes_it(app: Backoffice) {
    let booking = book(&app, app.office_a, 2, 1000, true).await;
    let early = app.signed_in(Persona::ClerkA).await;
    let too_early = early
        .post(&booking.action("prezenta"), &[("programare", &booking.id)])
        .await;
    assert_eq!(too_early.status, 409);
    assert!(too_early.body.contains("doar în ziua programării"));
    assert_eq!(status(&app, &booking).await, BookingStatus::Confirmed);
    at_the_appointment(&app, &booking);
    let clerk = app.signed_in(Persona::ClerkA).await;
    let seats = free_seats(&app, &booking).await;
    // The agenda asks first: the button opens what a no-show does and a confirm button;
    // a post without that confirmation changes nothing.
    let asked = clerk.get(&booking.agenda()).await;
    assert!(asked.body.contains("Confirmați neprezentarea"));
    assert!(asked.body.contains("timp de 30 de zile (90 de zile"));
    let unconfirmed = clerk
        .post(&booking.action("absent"), &[("programare", &booking.id)])
        .await;
    assert_eq!(unconfirmed.status, 422);
    assert!(
        unconfirmed
            .body
            .contains(&format!("href=\"#absent-{}\"", booking.id))
    );
    assert_eq!(status(&app, &booking).await, BookingStatus::Confirmed);

    let checked_in = clerk
        .post(&booking.action("prezenta"), &[("programare", &booking.id)])
        .await;

    assert_eq!(checked_in.status, 303);
    let to = checked_in.location.clone().unwrap_or_default();
    assert_eq!(
        to,
        format!("{}&rezultat=prezenta", booking.agenda()),
        "back to the day"
    );
    assert_eq!(status(&app, &booking).await, BookingStatus::CheckedIn);
    assert_eq!(
        free_seats(&app, &booking).await,
        seats,
        "check-in keeps seats"
    );
    let page = clerk.get(&to).await;
    assert!(
        page.body
            .contains("Prezentarea la ghișeu a fost înregistrată.")
    );
    assert!(page.body.contains("data-count=\"checked-in\">2<"));
    assert!(page.body.contains("Prezentă la ghișeu"));
    let lines = app.audit_of("booking.checked_in").await;
    assert_eq!(lines.len(), 1);
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

    let twice = clerk
        .post(&booking.action("prezenta"), &[("programare", &booking.id)])
        .await;
    assert_eq!(twice.status, 409, "a double click is a clear conflict");
    assert!(twice.body.contains("Prezentă la ghișeu"));
    assert_eq!(app.audit_of("booking.move_refused").await.len(), 1);

    let completed = clerk
        .post(
            &booking.action("finalizare"),
            &[("programare", &booking.id)],
        )
        .await;
    assert_eq!(completed.status, 303);
    assert_eq!(status(&app, &booking).await, BookingStatus::Completed);
    assert_eq!(app.audit_of("booking.completed").await.len(), 1);
}

async fn a_no_show_is_marked_only_once_the_slot_has_started(app: Backoffice) {
    let booking = book(&app, app.office_a, 1, 2000, true).await;
    // Ten minutes late is not absent yet (issue 12: 15 minutes' grace).
    app.clock
        .set(booking.starts_at + chrono::Duration::minutes(10));
    let clerk = app.signed_in(Persona::ClerkA).await;

    let before = clerk
        .post(
            &booking.action("absent"),
            &[("programare", &booking.id), ("confirmare", "da")],
        )
        .await;
    assert_eq!(before.status, 409);
    assert!(before.body.contains("la 15 minute după ora programării"));
    let page = clerk.get(&booking.agenda()).await;
    assert!(page.body.contains("agenda/prezenta"), "check-in on the day");
    assert!(
        !page.body.contains("agenda/absent"),
        "no no-show button yet"
    );

    at_the_appointment(&app, &booking);
    let clerk = app.signed_in(Persona::ClerkA).await;
    let seats = free_seats(&app, &booking).await;
    // The agenda asks first: the button opens what a no-show does and a confirm button;
    // a post without that confirmation changes nothing.
    let asked = clerk.get(&booking.agenda()).await;
    assert!(asked.body.contains("Confirmați neprezentarea"));
    assert!(asked.body.contains("timp de 30 de zile (90 de zile"));
    let unconfirmed = clerk
        .post(&booking.action("absent"), &[("programare", &booking.id)])
        .await;
    assert_eq!(unconfirmed.status, 422);
    assert!(
        unconfirmed
            .body
            .contains(&format!("href=\"#absent-{}\"", booking.id))
    );
    assert_eq!(status(&app, &booking).await, BookingStatus::Confirmed);
    let marked = clerk
        .post(
            &booking.action("absent"),
            &[("programare", &booking.id), ("confirmare", "da")],
        )
        .await;

    assert_eq!(marked.status, 303);
    assert_eq!(status(&app, &booking).await, BookingStatus::NoShow);
    assert_eq!(free_seats(&app, &booking).await, seats + 1);
    let page = clerk.get(&booking.agenda()).await;
    assert!(page.body.contains("data-count=\"no-shows\">1<"));
    assert_eq!(app.audit_of("booking.no_show").await.len(), 1);
}

async fn cancelling_with_a_reason_emails_the_citizen_and_frees_the_seats(app: Backoffice) {
    let booking = book(&app, app.office_a, 3, 3000, true).await;
    let mailer = Mailer::memory();
    jobs::deliver_once(&app.state.service, &mailer)
        .await
        .expect("delivering");
    let sent_before = mailer.sent().len();
    let seats = free_seats(&app, &booking).await;
    let manager = app.signed_in(Persona::ManagerA).await;

    let no_reason = manager
        .post(&booking.action("anulare"), &[("programare", &booking.id)])
        .await;
    assert_eq!(no_reason.status, 422);
    assert!(
        no_reason
            .body
            .contains(&format!("href=\"#motiv-{}\"", booking.id))
    );
    assert!(no_reason.body.contains("Alegeți motivul anulării."));
    let not_a_counter_reason = manager
        .post(
            &booking.action("anulare"),
            &[("programare", &booking.id), ("motiv", "citizen")],
        )
        .await;
    assert_eq!(not_a_counter_reason.status, 422);
    assert_eq!(status(&app, &booking).await, BookingStatus::Confirmed);

    let cancelled = manager
        .post(
            &booking.action("anulare"),
            &[("programare", &booking.id), ("motiv", "missing_documents")],
        )
        .await;

    assert_eq!(cancelled.status, 303);
    assert_eq!(status(&app, &booking).await, BookingStatus::Cancelled);
    assert_eq!(free_seats(&app, &booking).await, seats + 3);
    jobs::deliver_once(&app.state.service, &mailer)
        .await
        .expect("delivering");
    let sent = mailer.sent();
    assert_eq!(sent.len(), sent_before + 1, "one cancellation e-mail");
    let mail = sent.last().expect("the e-mail");
    assert_eq!(mail.to, EMAIL);
    assert!(mail.text.contains("Lipsa actelor necesare"));
    let lines = app.audit_of("booking.cancelled").await;
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0]
            .after
            .as_deref()
            .unwrap_or("")
            .contains("missing_documents")
    );
    let page = manager
        .get(&format!("{}&rezultat=anulata", booking.agenda()))
        .await;
    assert!(
        page.body
            .contains("Solicitantul a fost anunțat prin e-mail.")
    );
    assert!(page.body.contains("data-count=\"booked\">0<"));
}

async fn a_pending_booking_cannot_be_checked_in(app: Backoffice) {
    let booking = book(&app, app.office_a, 1, 4000, false).await;
    at_the_appointment(&app, &booking);
    let admin = app.signed_in(Persona::Admin).await;

    let page = admin.get(&booking.agenda()).await;
    let reply = admin
        .post(&booking.action("prezenta"), &[("programare", &booking.id)])
        .await;

    assert_eq!(page.status, 200);
    assert!(!page.body.contains("agenda/prezenta"));
    assert_eq!(reply.status, 409);
    assert!(reply.body.contains("În așteptarea confirmării"));
    assert_eq!(status(&app, &booking).await, BookingStatus::Pending);
}

async fn a_no_show_can_be_undone_the_same_day_from_the_agenda(app: Backoffice) {
    let booking = book(&app, app.office_a, 1, 4000, true).await;
    at_the_appointment(&app, &booking);
    let clerk = app.signed_in(Persona::ClerkA).await;
    let marked = clerk
        .post(
            &booking.action("absent"),
            &[("programare", &booking.id), ("confirmare", "da")],
        )
        .await;
    assert_eq!(marked.status, 303);
    let page = clerk.get(&booking.agenda()).await;
    assert!(
        page.body.contains("agenda/absent-anulare"),
        "undo offered the same day"
    );

    let undone = clerk
        .post(
            &booking.action("absent-anulare"),
            &[("programare", &booking.id)],
        )
        .await;

    assert_eq!(undone.status, 303);
    assert_eq!(status(&app, &booking).await, BookingStatus::Confirmed);
    assert_eq!(app.audit_of("booking.no_show_undone").await.len(), 1);
    let again = clerk
        .post(
            &booking.action("absent-anulare"),
            &[("programare", &booking.id)],
        )
        .await;
    assert_eq!(again.status, 409, "nothing left to undo");
}

async fn a_staff_cancel_gives_the_seats_back_through_the_delayed_release(app: Backoffice) {
    let store = app.state.service.store.clone();
    store.set_release_delay("60-60".parse().expect("a delay"));
    let booking = book(&app, app.office_a, 2, 3100, true).await;
    let seats = free_seats(&app, &booking).await;
    let manager = app.signed_in(Persona::ManagerA).await;
    let cancelled = manager
        .post(
            &booking.action("anulare"),
            &[("programare", &booking.id), ("motiv", "missing_documents")],
        )
        .await;
    assert_eq!(cancelled.status, 303);
    let now = app.state.service.now();
    let freed = store.hold_candidates(now).await.expect("freed seats").free;
    if freed.is_empty() {
        // The slot starts within 2 h: its seats are back at once.
        assert_eq!(free_seats(&app, &booking).await, seats + 2);
        return;
    }
    assert_eq!(freed[0].seats, 2);
    assert_eq!(free_seats(&app, &booking).await, seats, "not public yet");
    app.clock.advance(chrono::Duration::minutes(2));
    let report = jobs::holds_once(&app.state.service).await.expect("holds");
    assert_eq!(report.released, 1);
    assert_eq!(free_seats(&app, &booking).await, seats + 2);
}
