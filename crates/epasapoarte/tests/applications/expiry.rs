//! The passport-expiry reminder (issue 12 point 10): asked for at registration, scheduled
//! when the passport is issued from its validity, sent once 6 months before the expiry —
//! after the application's own personal data is gone — and cancelled by its link.

use chrono::{Duration, NaiveDate, TimeZone};
use epasapoarte::ids::OfficeId;
use epasapoarte::jobs;
use epasapoarte_domain::application::{ApplicationNumber, ApplicationStatus};
use epasapoarte_domain::passport::{Validity, expiry_reminder_on};

use super::helpers::{adult, office, staff, walk_in};
use super::service::field_codes;
use crate::api::support::TestApp;
use crate::on_both_backends;
use crate::support::app::csrf_in;

on_both_backends!(
    an_issued_passport_schedules_the_reminder_and_it_is_sent_once_six_months_before_expiry,
    the_reminder_is_cancelled_by_its_link_and_needs_an_address,
);

async fn register(app: &TestApp, serial: u16, reminder: bool) -> ApplicationNumber {
    let office: OfficeId = office(app, "CJ").await;
    let mut request = walk_in(office, &adult(serial), "258");
    request.expiry_reminder = reminder;
    app.state
        .service
        .register_application(&request, &staff("clerk.ana"))
        .await
        .expect("registered")
        .number
}

async fn issue(app: &TestApp, number: &ApplicationNumber) {
    for to in [ApplicationStatus::InProduction, ApplicationStatus::Ready] {
        app.state
            .service
            .move_application_status(number, to, None, &staff("clerk.ana"))
            .await
            .expect("moved");
    }
}

/// The token of the last unsubscribe link e-mailed.
fn unsubscribe_token(text: &str) -> Option<String> {
    let marker = "/pasaport/dezabonare/";
    let start = text.rfind(marker)? + marker.len();
    Some(
        text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect(),
    )
}

/// 09:00 in Bucharest on `date`.
fn morning_of(date: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    chrono_tz::Europe::Bucharest
        .from_local_datetime(&date.and_hms_opt(9, 0, 0).unwrap())
        .single()
        .unwrap()
        .with_timezone(&chrono::Utc)
}

async fn an_issued_passport_schedules_the_reminder_and_it_is_sent_once_six_months_before_expiry(
    app: TestApp,
) {
    let service = &app.state.service;
    let asked = register(&app, 60, true).await;
    let plain = register(&app, 61, false).await;
    issue(&app, &asked).await;
    issue(&app, &plain).await;

    // The "ready" e-mail of the one who asked says when, with the unsubscribe link.
    let issued = service.today_in_romania();
    let expires = Validity::Years(10).expires_on(issued);
    let remind = expiry_reminder_on(expires);
    let mails = app.deliver().await;
    let ready: Vec<_> = mails
        .iter()
        .filter(|m| m.subject.contains("gata de ridicare"))
        .collect();
    assert_eq!(ready.len(), 2);
    let with_link: Vec<_> = ready
        .iter()
        .filter(|m| unsubscribe_token(&m.text).is_some())
        .collect();
    assert_eq!(
        with_link.len(),
        1,
        "only the holder who asked gets the link"
    );
    assert!(with_link[0].text.contains(&asked.to_string()));

    // Handed over, and its personal data purged after the retention period: the
    // reminder keeps its own copy of the address.
    service
        .move_application_status(
            &asked,
            ApplicationStatus::HandedOver,
            None,
            &staff("clerk.ana"),
        )
        .await
        .expect("handed over");
    app.advance(Duration::days(366));
    let purged = jobs::housekeeping_once(service).await.unwrap();
    assert_eq!(purged.applications_purged, 1);

    // The day before: nothing. On the day: one e-mail; again: none.
    app.clock.set(morning_of(remind - Duration::days(1)));
    assert_eq!(jobs::reminders_once(service).await.unwrap(), 0);
    app.clock.set(morning_of(remind));
    assert_eq!(jobs::reminders_once(service).await.unwrap(), 1);
    assert_eq!(jobs::reminders_once(service).await.unwrap(), 0, "sent once");
    let mails = app.deliver().await;
    let expiring = mails
        .iter()
        .find(|m| m.subject.starts_with("Pașaportul dumneavoastră expiră pe"))
        .expect("the reminder");
    assert_eq!(expiring.to, "maria.ionescu@example.ro");
    assert!(
        unsubscribe_token(&expiring.text).is_some(),
        "with its own link"
    );
    assert!(expiring.text.contains("/programare"), "and the way to book");
}

async fn the_reminder_is_cancelled_by_its_link_and_needs_an_address(app: TestApp) {
    let service = &app.state.service;
    // No address, no reminder: the field is named.
    let office = office(&app, "CJ").await;
    let mut request = walk_in(office, &adult(70), "258");
    request.email = None;
    request.expiry_reminder = true;
    let refused = service
        .register_application(&request, &staff("clerk.ana"))
        .await
        .expect_err("refused");
    assert_eq!(
        field_codes(refused),
        [(
            "expiry_reminder".to_owned(),
            "application.reminder_needs_email"
        )]
    );

    let asked = register(&app, 71, true).await;
    issue(&app, &asked).await;
    let mails = app.deliver().await;
    let token = mails
        .iter()
        .find_map(|m| unsubscribe_token(&m.text))
        .expect("the link");
    let path = format!("/pasaport/dezabonare/{token}");

    // A GET changes nothing; the button's POST cancels; the link twice is harmless.
    let (status, html) = app.page(&path).await;
    assert_eq!(status, 200);
    assert!(html.contains("Nu mai doresc anunțul"));
    let csrf = csrf_in(&html).expect("the form's anti-forgery field");
    for _ in 0..2 {
        let done = app
            .client
            .post(app.url(&path))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(done.status(), 200);
        let page = done.text().await.unwrap();
        assert!(page.contains("Anunțul a fost anulat"), "{page}");
    }
    // Nothing is sent on the day.
    let expires = Validity::Years(10).expires_on(service.today_in_romania());
    app.clock.set(morning_of(expiry_reminder_on(expires)));
    assert_eq!(jobs::reminders_once(service).await.unwrap(), 0);
    // An unknown link is a 404.
    let (status, _) = app
        .page("/pasaport/dezabonare/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .await;
    assert_eq!(status, 404);
}
