//! J3 on the page: the e-mailed link shows the appointment and a button; only the button's
//! POST confirms; a second press is harmless; an expired link says so with 410.

use epasapoarte::i18n::Lang;
use epasapoarte::ids::LinkToken;
use epasapoarte::store::TokenPurpose;
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::booking::BookingStatus;
use epasapoarte_domain::passport::{PassportType, documents_for};

use super::support::{Site, cnp, unresolved_keys};
use crate::on_both_backends;

on_both_backends!(
    opening_the_link_shows_the_appointment_and_a_button_but_confirms_nothing,
    pressing_the_button_confirms_and_pressing_it_again_is_harmless,
);

async fn status_of(site: &Site, token: &str) -> BookingStatus {
    site.state
        .service
        .booking_view(
            TokenPurpose::Confirm,
            &LinkToken::parse(token).expect("a link token"),
        )
        .await
        .expect("the booking")
        .status
}

async fn opening_the_link_shows_the_appointment_and_a_button_but_confirms_nothing(site: Site) {
    let token = site.book(2, 100).await;
    let path = format!("/programare/confirma/{token}");

    let (status, html) = site.page(&path).await;
    let (again, _) = site.page(&path).await;

    assert_eq!((status, again), (200, 200));
    assert!(html.contains("Confirmă programarea"));
    assert!(html.contains(&format!(r#"<form method="post" action="{path}""#)));
    assert!(html.contains("Popescu Ana") && html.contains("Popescu Mihai"));
    assert!(
        html.contains("ora României"),
        "the time says whose clock it is"
    );
    assert!(
        !html.contains(&cnp(100)) && !html.contains(&cnp(101)),
        "no CNP on the page"
    );
    assert_eq!(
        status_of(&site, &token).await,
        BookingStatus::Pending,
        "a GET confirms nothing"
    );
    assert_eq!(unresolved_keys(&html), Vec::<String>::new());
    let (_, english) = site.page(&format!("{path}?lang=en")).await;
    assert!(english.contains("Confirm the appointment") && english.contains("Romanian time"));
    assert_eq!(unresolved_keys(&english), Vec::<String>::new());
}

async fn pressing_the_button_confirms_and_pressing_it_again_is_harmless(site: Site) {
    let token = site.book(2, 200).await;
    let path = format!("/programare/confirma/{token}");
    site.page(&path).await;

    let (status, html) = site.post_form(&path, &[]).await;
    let (second, again) = site.post_form(&path, &[]).await;

    assert_eq!((status, second), (200, 200));
    assert_eq!(status_of(&site, &token).await, BookingStatus::Confirmed);
    assert_eq!(unresolved_keys(&html), Vec::<String>::new());
    for page in [&html, &again] {
        assert!(page.contains("Programare confirmată"));
        assert!(
            !page.contains("id=\"confirm-form\""),
            "no button once confirmed"
        );
    }
    // Both adults (born in the 1960s): the full electronic fee each, and their documents.
    assert!(html.contains("258 lei") && html.contains("516 lei"));
    let documents = documents_for(PassportType::Electronic, 40, false);
    assert!(html.contains(&askama_escape(Lang::Ro.t(documents[0].key()))));
    assert!(html.contains("CEC Bank") && html.contains("Ghiseul.ro"));
    assert!(html.contains(&format!("{path}/calendar.ics")));
    // The short reference (issue 12): on the page, in the e-mail and in the calendar.
    let marker = "Număr de referință: <strong>";
    let at = html.find(marker).expect("the reference on the page") + marker.len();
    let reference = &html[at..at + 9];
    assert!(
        epasapoarte_domain::booking::BookingReference::parse(reference).is_ok(),
        "{reference}"
    );
    let mails = site.deliver().await;
    let confirmations: Vec<_> = mails
        .iter()
        .filter(|mail| mail.subject == "Programarea pentru pașaport a fost confirmată")
        .collect();
    assert_eq!(
        confirmations.len(),
        1,
        "one confirmation e-mail, however many presses"
    );
    assert!(
        confirmations[0]
            .text
            .contains(&format!("Număr de referință: {reference}\n")),
        "{}",
        confirmations[0].text
    );
    assert!(
        confirmations[0]
            .ics
            .as_deref()
            .is_some_and(|ics| ics.contains(reference))
    );

    let calendar = site.get(&format!("{path}/calendar.ics")).await;
    assert_eq!(calendar.status(), 200);
    assert_eq!(
        calendar.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let ics = calendar.text().await.unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.contains("DTSTART:"));
    assert!(ics.contains(reference), "{ics}");
}

/// The page escapes what it shows; the domain's texts contain no markup characters but
/// may contain quotes.
fn askama_escape(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn an_expired_link_answers_410_with_a_link_to_book_again() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let token = site.book(1, 300).await;
    let path = format!("/programare/confirma/{token}");
    site.page(&path).await;
    site.clock.advance(chrono::Duration::minutes(31));

    let (status, html) = site.page(&path).await;
    let (posted, _) = site.post_form(&path, &[]).await;
    let calendar = site.get(&format!("{path}/calendar.ics")).await;

    assert_eq!(status, 410);
    assert!(html.contains("Linkul a expirat"));
    assert!(html.contains(r#"href="/programare""#) && html.contains("Faceți o programare nouă"));
    assert_eq!(posted, 410, "the button cannot revive it either");
    assert_eq!(calendar.status(), 404);
    assert_eq!(status_of(&site, &token).await, BookingStatus::Expired);
}

#[tokio::test]
async fn a_confirmed_link_opened_after_the_appointment_says_it_has_passed() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let token = site.book(1, 320).await;
    let path = format!("/programare/confirma/{token}");
    site.post_form(&path, &[]).await;
    site.clock.advance(chrono::Duration::days(100));

    let (status, html) = site.page(&path).await;

    assert_eq!(status, 410);
    assert!(html.contains("Programarea a trecut"));
}

#[tokio::test]
async fn the_calendar_exists_only_once_confirmed() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let token = site.book(1, 350).await;

    let pending = site
        .get(&format!("/programare/confirma/{token}/calendar.ics"))
        .await;

    assert_eq!(pending.status(), 404);
}

#[tokio::test]
async fn unknown_and_malformed_tokens_get_the_not_found_page() {
    let site = Site::spawn(TestDatabase::sqlite()).await;
    let unknown = "A".repeat(32);
    for path in [
        format!("/programare/confirma/{unknown}"),
        "/programare/confirma/abc".to_owned(),
        "/programare/confirma/%3Cscript%3E".to_owned(),
        format!("/programare/anuleaza/{unknown}"),
        format!("/programare/confirma/{unknown}/calendar.ics"),
    ] {
        let (status, html) = site.page(&path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("Pagina nu a fost găsită"), "{path}");
    }
    let (posted, _) = site
        .post_form(&format!("/programare/confirma/{unknown}"), &[])
        .await;
    assert_eq!(posted, 404);
}
