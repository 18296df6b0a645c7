//! A busy day at the counter (issue 12 item 11): the short reference on every row, a
//! search by reference, name or CNP (POSTed: a name or a CNP never rides in a URL; a CNP
//! search audited by its tail), status and time filters, hour groups and the "now" line
//! — all plain HTML, no JavaScript needed.

use chrono::Duration;
use epasapoarte::ids::BookingId;
use epasapoarte_domain::booking::BookingEvent;

use super::counter::{Booked, book_as};
use super::support::{Backoffice, Persona};
use crate::on_both_backends;

on_both_backends!(
    a_clerk_finds_a_booking_by_reference_name_or_cnp,
    status_and_time_filters_hour_groups_and_the_now_line,
);

fn rows_of(body: &str) -> Vec<&str> {
    body.match_indices("data-booking=\"")
        .map(|(at, m)| &body[at + m.len()..at + m.len() + 32])
        .collect()
}

async fn a_clerk_finds_a_booking_by_reference_name_or_cnp(app: Backoffice) {
    // Arrange: three families the same day.
    let office = app.office_a;
    let stefanescu = book_as(&app, office, 1, 7000, true, ("Ștefănescu", 0)).await;
    let popescu = book_as(&app, office, 1, 7100, true, ("Popescu", 0)).await;
    let ionescu = book_as(&app, office, 1, 7200, true, ("Ionescu", 0)).await;
    let clerk = app.signed_in(Persona::ClerkA).await;
    let search = |text: String| {
        let clerk = &clerk;
        let date = stefanescu.date.to_string();
        let path = stefanescu.action("cauta");
        async move {
            clerk
                .post(&path, &[("data", date.as_str()), ("cauta", text.as_str())])
                .await
        }
    };
    let reference = BookingId(stefanescu.id.clone()).reference();

    // Act
    let day = clerk.get(&stefanescu.agenda()).await;
    let by_reference = search(reference.to_lowercase().replace('-', "")).await;
    let by_name = search("stefanescu".into()).await;
    let spaced = format!("{} {}", &popescu.cnps[0][..7], &popescu.cnps[0][7..]);
    let by_cnp = search(spaced).await;
    let nobody = search("Zamfirescu".into()).await;

    // Assert
    assert_eq!(day.status, 200);
    assert_eq!(rows_of(&day.body).len(), 3);
    assert!(
        day.body.contains(&format!("data-reference>{reference}<")),
        "the reference on its row"
    );
    assert!(
        day.body
            .contains("method=\"post\" action=\"/admin/birouri/")
    );
    for (reply, found) in [
        (&by_reference, &stefanescu),
        (&by_name, &stefanescu),
        (&by_cnp, &popescu),
    ] {
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert_eq!(rows_of(&reply.body), [found.id.as_str()]);
        assert!(reply.body.contains("Se afișează 1 din 3 programări."));
        assert!(reply.body.contains("id=\"agenda-show-all\""));
    }
    assert!(rows_of(&nobody.body).is_empty());
    assert!(nobody.body.contains("id=\"agenda-none-found\""));
    // The CNP search is audited by its tail; the CNP itself is nowhere in the log or in
    // any link of the page.
    let searched = app.audit_of("booking.cnp_searched").await;
    assert_eq!(searched.len(), 1);
    let after = searched[0].after.as_deref().unwrap_or_default();
    assert!(
        after.contains(&popescu.cnps[0][9..]) && !after.contains(&popescu.cnps[0]),
        "{after}"
    );
    for reply in [&by_cnp, &day] {
        for (at, _) in reply.body.match_indices("href=\"") {
            let link = &reply.body[at..at + reply.body[at..].find('>').unwrap_or(0)];
            assert!(!link.contains(&popescu.cnps[0]), "{link}");
        }
    }
    let _ = ionescu;
}

async fn status_and_time_filters_hour_groups_and_the_now_line(app: Backoffice) {
    // Arrange: one booking at the day's first time, one an hour or more later, and a
    // cancelled one at the first time.
    let office = app.office_a;
    let early = book_as(&app, office, 1, 8000, true, ("Dobre", 0)).await;
    let slot = later_slot(&app, &early).await;
    let late = book_as(&app, office, 1, 8100, true, ("Enache", slot)).await;
    let gone = book_as(&app, office, 1, 8200, true, ("Florea", 0)).await;
    assert_eq!((late.date, gone.date), (early.date, early.date));
    app.state
        .service
        .move_booking_by_staff(
            &BookingId(gone.id.clone()),
            BookingEvent::Cancel,
            Some(
                epasapoarte::service::StaffCancellation::new(
                    epasapoarte_domain::booking::CancelReason::Other,
                )
                .explained("Test."),
            ),
            epasapoarte::staff::AuditEvent::new(
                epasapoarte::staff::Actor::System,
                "booking.cancelled",
            ),
        )
        .await
        .expect("cancelling");
    // The office's clock between the two appointments, on their day.
    app.clock.set(early.starts_at + Duration::minutes(1));
    let clerk = app.signed_in(Persona::ClerkA).await;
    let late_time = local_time(&app, &late);
    let (early_hour, late_hour) = (hour(&app, &early), hour(&app, &late));

    // Act
    let day = clerk.get(&early.agenda()).await;
    let expected = clerk
        .get(&format!("{}&stare=asteptate", early.agenda()))
        .await;
    let cancelled = clerk
        .get(&format!("{}&stare=anulate", early.agenda()))
        .await;
    let from_late = clerk
        .get(&format!("{}&de_la={late_time}", early.agenda()))
        .await;
    let bad_time = clerk.get(&format!("{}&de_la=9", early.agenda())).await;

    // Assert
    assert_eq!(rows_of(&day.body).len(), 3);
    for hour in [&early_hour, &late_hour] {
        assert!(
            day.body.contains(&format!("<tbody id=\"ora-{hour}\">")),
            "{hour}"
        );
        assert!(
            day.body.contains(&format!("href=\"#ora-{hour}\"")),
            "{hour}"
        );
    }
    let at = |body: &str, what: &str| body.find(what).unwrap_or_else(|| panic!("{what}"));
    let now_line = at(&day.body, "id=\"acum\"");
    assert!(at(&day.body, &format!("data-booking=\"{}\"", early.id)) < now_line);
    assert!(now_line < at(&day.body, &format!("data-booking=\"{}\"", late.id)));
    assert!(
        day.body.contains("href=\"#acum\""),
        "a link to the now line"
    );
    assert_eq!(rows_of(&expected.body).len(), 2);
    assert!(!rows_of(&expected.body).contains(&gone.id.as_str()));
    assert_eq!(rows_of(&cancelled.body), [gone.id.as_str()]);
    assert_eq!(rows_of(&from_late.body), [late.id.as_str()]);
    assert!(from_late.body.contains("Se afișează 1 din 3 programări."));
    assert_eq!(bad_time.status, 422);
    assert!(bad_time.body.contains("href=\"#de_la\""));
}

/// The index of the first slot of `booked`'s day at a later hour than its own.
async fn later_slot(app: &Backoffice, booked: &Booked) -> usize {
    let service = &app.state.service;
    let record = service.office(booked.office).await.expect("the office");
    let days = service
        .availability(&record, 1, booked.date, booked.date)
        .await
        .expect("availability");
    let slots = &days[0].slots;
    let first = slots[0].time.format("%H").to_string();
    slots
        .iter()
        .position(|s| s.time.format("%H").to_string() != first)
        .expect("a slot at another hour")
}

fn local(app: &Backoffice, booked: &Booked) -> chrono::NaiveTime {
    let _ = app;
    booked
        .starts_at
        .with_timezone(&chrono_tz::Europe::Bucharest)
        .time()
}

fn local_time(app: &Backoffice, booked: &Booked) -> String {
    local(app, booked).format("%H:%M").to_string()
}

fn hour(app: &Backoffice, booked: &Booked) -> String {
    local(app, booked).format("%H").to_string()
}
