//! The agenda of a day: what it lists (names, never CNPs unless asked), the audited CNP
//! view, and the office boundary — another office's agenda, or another office's booking
//! in this office's address, is "not found".

use epasapoarte_domain::booking::BookingStatus;

use super::counter::{Booked, book, status};
use super::support::{Backoffice, Persona, unresolved_keys};
use crate::on_both_backends;

on_both_backends!(
    the_agenda_lists_a_days_bookings_with_names_and_without_cnps,
    showing_the_cnps_of_one_booking_writes_one_audit_line,
    a_clerk_of_another_office_gets_not_found_for_the_agenda_and_its_actions,
    another_offices_booking_in_this_offices_address_is_not_found,
    a_bad_date_is_refused_and_no_date_means_today,
    the_agenda_is_linked_from_the_dashboard_and_the_office_page,
);

fn register_link(booking: &Booked, person: usize) -> String {
    format!(
        "/admin/birouri/{}/cereri/noua?programare={}&amp;persoana={person}",
        booking.office, booking.id
    )
}

async fn the_agenda_lists_a_days_bookings_with_names_and_without_cnps(app: Backoffice) {
    let family = book(&app, app.office_a, 2, 100, true).await;
    let pending = book(&app, app.office_a, 1, 200, false).await;
    assert_eq!(family.date, pending.date, "both land on the first free day");
    let clerk = app.signed_in(Persona::ClerkA).await;

    let page = clerk.get(&family.agenda()).await;

    assert_eq!(page.status, 200);
    assert!(page.body.contains("Popescu Ana"));
    assert!(page.body.contains("Popescu Ion"));
    for cnp in family.cnps.iter().chain(&pending.cnps) {
        assert!(!page.body.contains(cnp.as_str()), "no CNP on the agenda");
    }
    assert!(page.body.contains("Confirmată"));
    assert!(page.body.contains("În așteptarea confirmării"));
    assert!(
        page.body.contains("data-count=\"booked\">3<"),
        "three persons"
    );
    assert!(page.body.contains("data-count=\"checked-in\">0<"));
    assert!(page.body.contains(&register_link(&family, 1)));
    assert!(page.body.contains(&register_link(&family, 2)));
    assert!(
        !page.body.contains(&register_link(&pending, 1)),
        "a pending booking is not registered yet"
    );
    let walk_in = format!("href=\"/admin/birouri/{}/cereri/noua\"", app.office_a);
    assert!(page.body.contains(&walk_in));
    assert!(page.body.contains("Arată CNP"));
    assert!(
        !page.body.contains("agenda/prezenta"),
        "no check-in before the appointment's day"
    );
    assert!(
        page.body.contains("agenda/anulare"),
        "pending or confirmed: cancel"
    );
    assert!(page.body.contains("Lipsa actelor necesare"));
    assert_eq!(unresolved_keys(&page.body), Vec::<String>::new());

    let english = clerk.get(&format!("{}&lang=en", family.agenda())).await;
    assert!(english.body.contains("Ana Popescu"));
    assert!(english.body.contains("Awaiting confirmation"));
    assert_eq!(unresolved_keys(&english.body), Vec::<String>::new());
}

async fn showing_the_cnps_of_one_booking_writes_one_audit_line(app: Backoffice) {
    let family = book(&app, app.office_a, 2, 300, true).await;
    let other = book(&app, app.office_a, 1, 400, true).await;
    let clerk = app.signed_in(Persona::ClerkA).await;

    let page = clerk
        .post(&family.action("cnp"), &[("programare", &family.id)])
        .await;

    assert_eq!(page.status, 200);
    for cnp in &family.cnps {
        assert!(page.body.contains(cnp.as_str()), "the booking's CNPs show");
    }
    assert!(
        !page.body.contains(other.cnps[0].as_str()),
        "only that booking's"
    );
    let lines = app.audit_of("booking.cnp_viewed").await;
    assert_eq!(lines.len(), 1);
    let line = &lines[0];
    assert_eq!(line.actor, "clerk.a");
    assert_eq!(line.office_id, Some(app.office_a));
    assert_eq!(
        line.target.as_deref(),
        Some(format!("booking:{}", family.id).as_str())
    );
    let after = line.after.clone().unwrap_or_default();
    for cnp in &family.cnps {
        assert!(!after.contains(cnp.as_str()), "never a full CNP in the log");
        assert!(after.contains(&cnp[cnp.len() - 4..]), "its last digits");
    }

    let again = clerk.get(&family.agenda()).await;
    assert!(
        !again.body.contains(family.cnps[0].as_str()),
        "hidden again"
    );
}

async fn a_clerk_of_another_office_gets_not_found_for_the_agenda_and_its_actions(app: Backoffice) {
    let booking = book(&app, app.office_a, 1, 500, true).await;
    super::counter::at_the_appointment(&app, &booking);
    let clerk_b = app.signed_in(Persona::ClerkB).await;

    let agenda = clerk_b.get(&booking.agenda()).await;
    let mut answers = Vec::new();
    for action in ["prezenta", "absent", "finalizare", "anulare", "cnp"] {
        let reply = clerk_b
            .post(
                &booking.action(action),
                &[("programare", &booking.id), ("motiv", "other")],
            )
            .await;
        answers.push(reply.status);
    }

    assert_eq!(agenda.status, 404);
    assert_eq!(answers, vec![404; 5]);
    assert_eq!(status(&app, &booking).await, BookingStatus::Confirmed);
    assert!(app.audit_of("booking.cnp_viewed").await.is_empty());
}

async fn another_offices_booking_in_this_offices_address_is_not_found(app: Backoffice) {
    let elsewhere = book(&app, app.office_b, 1, 600, true).await;
    super::counter::at_the_appointment(&app, &elsewhere);
    let clerk_a = app.signed_in(Persona::ClerkA).await;
    let in_a = |action: &str| format!("/admin/birouri/{}/agenda/{action}", app.office_a);

    let check_in = clerk_a
        .post(&in_a("prezenta"), &[("programare", &elsewhere.id)])
        .await;
    let reveal = clerk_a
        .post(&in_a("cnp"), &[("programare", &elsewhere.id)])
        .await;
    let unknown = clerk_a
        .post(
            &in_a("prezenta"),
            &[("programare", "0123456789abcdef0123456789abcdef")],
        )
        .await;

    assert_eq!(
        (check_in.status, reveal.status, unknown.status),
        (404, 404, 404)
    );
    assert!(!reveal.body.contains(elsewhere.cnps[0].as_str()));
    assert_eq!(status(&app, &elsewhere).await, BookingStatus::Confirmed);
    assert!(app.audit_of("booking.cnp_viewed").await.is_empty());
    let refusals = app.audit_of("access.denied").await;
    let about_it = refusals
        .iter()
        .filter(|line| {
            line.after
                .as_deref()
                .is_some_and(|after| after.contains(&elsewhere.id))
        })
        .count();
    assert_eq!(about_it, 2, "both refusals are in the audit log");
}

async fn a_bad_date_is_refused_and_no_date_means_today(app: Backoffice) {
    let clerk = app.signed_in(Persona::ClerkA).await;
    let base = format!("/admin/birouri/{}/agenda", app.office_a);

    let bad = clerk.get(&format!("{base}?data=2026-02-30")).await;
    let words = clerk.get(&format!("{base}?data=m%C3%A2ine")).await;
    let today = clerk.get(&base).await;
    let empty = clerk.get(&format!("{base}?data=")).await;

    assert_eq!((bad.status, words.status), (422, 422));
    assert!(bad.body.contains("error-summary"));
    assert!(bad.body.contains("href=\"#data\""));
    assert!(
        bad.body.contains("value=\"2026-02-30\""),
        "the typed value stays"
    );
    assert!(!bad.body.contains("id=\"agenda-table\""));
    assert_eq!((today.status, empty.status), (200, 200));
    let now = app.state.service.now();
    let date = now
        .with_timezone(&chrono_tz::Europe::Bucharest)
        .date_naive()
        .to_string();
    assert!(today.body.contains(&format!("value=\"{date}\"")));
}

async fn the_agenda_is_linked_from_the_dashboard_and_the_office_page(app: Backoffice) {
    let link = format!("href=\"/admin/birouri/{}/agenda\"", app.office_a);
    let clerk = app.signed_in(Persona::ClerkA).await;
    let manager = app.signed_in(Persona::ManagerA).await;

    let dashboard = clerk.get("/admin").await;
    let office = manager
        .get(&format!("/admin/birouri/{}", app.office_a))
        .await;

    assert!(
        dashboard.body.contains(&link),
        "clerks cannot open the office page"
    );
    assert!(dashboard.body.contains("Agenda zilei"));
    assert!(office.body.contains(&link));
}
