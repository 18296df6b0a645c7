//! Retention (issue 12): an ended application's personal data goes after
//! `EPAS_APPLICATION_RETENTION_DAYS` (365 by default); the anonymous row stays, found by
//! its number, counted, and its public status still answers.

use chrono::Duration;
use epasapoarte::jobs;
use epasapoarte_domain::application::ApplicationStatus;

use super::helpers::{adult, get_status, registered, staff};
use crate::api::support::TestApp;
use crate::on_both_backends;

on_both_backends!(an_ended_application_loses_its_personal_data_after_the_retention_period);

async fn an_ended_application_loses_its_personal_data_after_the_retention_period(app: TestApp) {
    // Arrange: one application handed over, one still waiting at the office.
    let service = &app.state.service;
    let ended = registered(&app, 40).await.number;
    let waiting = registered(&app, 41).await.number;
    for to in [
        ApplicationStatus::InProduction,
        ApplicationStatus::Ready,
        ApplicationStatus::HandedOver,
    ] {
        service
            .move_application_status(&ended, to, None, &staff("clerk.ana"))
            .await
            .expect("moved");
    }
    for to in [ApplicationStatus::InProduction, ApplicationStatus::Ready] {
        service
            .move_application_status(&waiting, to, None, &staff("clerk.ana"))
            .await
            .expect("moved");
    }
    app.advance(Duration::days(364));
    let early = jobs::housekeeping_once(service).await.unwrap();

    // Act: past the 365 days.
    app.advance(Duration::days(2));
    let round = jobs::housekeeping_once(service).await.unwrap();
    let again = jobs::housekeeping_once(service).await.unwrap();

    // Assert
    assert_eq!(early.applications_purged, 0, "not before its time");
    assert_eq!(round.applications_purged, 1, "the ended one only");
    assert_eq!(again.applications_purged, 0, "purging twice is a no-op");
    assert!(
        service
            .search_applications(&adult(40))
            .await
            .unwrap()
            .is_empty(),
        "its CNP finds nothing any more"
    );
    let by_number = service
        .application(&ended)
        .await
        .unwrap()
        .expect("the row stays");
    assert!(by_number.purged);
    assert_eq!(
        (
            by_number.cnp.as_str(),
            by_number.last_name.as_str(),
            by_number.email.as_deref()
        ),
        ("", "", None)
    );
    assert_eq!(by_number.status, ApplicationStatus::HandedOver);
    let (status, public) = get_status(&app, &format!("number={ended}")).await;
    assert_eq!(
        (status, public["status"].as_str()),
        (200, Some("handed_over"))
    );
    let kept = service.search_applications(&adult(41)).await.unwrap();
    assert_eq!(kept.len(), 1, "an application not ended keeps its data");
    assert!(!kept[0].purged);
    assert_eq!(kept[0].cnp, adult(41));
}
