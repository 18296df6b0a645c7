//! J4 on the page: the cancel link shows the appointment and asks; only "Da, anulează
//! programarea" (a POST) cancels; cancelling twice is harmless; a past appointment says so.

use epasapoarte::ids::LinkToken;
use epasapoarte::store::TokenPurpose;
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::booking::BookingStatus;

use super::support::Site;
use crate::on_both_backends;

on_both_backends!(the_cancel_link_asks_first_and_only_the_button_cancels);

/// Books one person, confirms on the page, and returns the e-mailed cancel token.
async fn confirmed_booking(site: &Site, first_cnp: u32) -> (String, String) {
    let token = site.book(1, first_cnp).await;
    let (status, _) = site
        .post_form(&format!("/programare/confirma/{token}"), &[])
        .await;
    assert_eq!(status, 200);
    (token, site.token_from_last_mail("anuleaza").await)
}

async fn status_of(site: &Site, cancel_token: &str) -> BookingStatus {
    site.state
        .service
        .booking_view(
            TokenPurpose::Cancel,
            &LinkToken::parse(cancel_token).expect("a link token"),
        )
        .await
        .expect("the booking")
        .status
}

async fn the_cancel_link_asks_first_and_only_the_button_cancels(site: Site) {
    let (confirm_token, cancel_token) = confirmed_booking(&site, 400).await;
    let path = format!("/programare/anuleaza/{cancel_token}");

    let (status, html) = site.page(&path).await;

    assert_eq!(status, 200);
    assert!(html.contains("Sigur doriți să anulați programarea?"));
    assert!(html.contains("Da, anulează programarea") && html.contains("button--warning"));
    assert!(html.contains("Nu, păstrez programarea"));
    assert!(html.contains("Popescu Ana"));
    assert_eq!(
        status_of(&site, &cancel_token).await,
        BookingStatus::Confirmed,
        "a GET cancels nothing"
    );

    let (status, html) = site.post_form(&path, &[]).await;
    let (second, again) = site.post_form(&path, &[]).await;

    assert_eq!((status, second), (200, 200));
    assert!(
        html.contains("Programarea a fost anulată") && again.contains("Programarea a fost anulată")
    );
    assert!(!html.contains("id=\"cancel-form\""));
    assert_eq!(
        status_of(&site, &cancel_token).await,
        BookingStatus::Cancelled
    );
    let notices = site
        .deliver()
        .await
        .iter()
        .filter(|mail| mail.subject == "Programarea pentru pașaport a fost anulată")
        .count();
    assert_eq!(notices, 1, "one cancellation e-mail");
    let (status, html) = site
        .page(&format!("/programare/confirma/{confirm_token}"))
        .await;
    assert_eq!(status, 409, "a cancelled booking cannot be confirmed again");
    assert!(html.contains("nu mai poate fi confirmată"));
}

#[tokio::test]
async fn a_past_appointment_can_no_longer_be_cancelled() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let (_, cancel_token) = confirmed_booking(&site, 450).await;
    let path = format!("/programare/anuleaza/{cancel_token}");
    site.clock.advance(chrono::Duration::days(100));

    let (status, html) = site.page(&path).await;
    let (posted, _) = site.post_form(&path, &[]).await;

    assert_eq!(status, 410);
    assert!(html.contains("nu mai poate fi anulată"));
    assert_eq!(posted, 410, "the POST lands on the same explanation");
    assert_eq!(
        status_of(&site, &cancel_token).await,
        BookingStatus::Confirmed
    );
}

#[tokio::test]
async fn the_cancel_page_speaks_english_when_asked() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let (_, cancel_token) = confirmed_booking(&site, 470).await;

    let (status, html) = site
        .page(&format!("/programare/anuleaza/{cancel_token}?lang=en"))
        .await;

    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Are you sure you want to cancel the appointment?"));
    assert!(html.contains("Romanian time"));
}
