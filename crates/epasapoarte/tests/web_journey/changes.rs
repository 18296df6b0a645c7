//! After the check page: "Schimbă" changes one answer and returns; a time taken meanwhile
//! leads back to the time step with the rest kept; a CNP already booked is explained.

use epasapoarte::testing::TestDatabase;
use serde_json::Value;

use super::browser::Browser;
use super::walk;
use crate::api::support::{booking_at, cnp};

#[tokio::test]
async fn changing_one_answer_returns_to_the_check_page() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
    walk::to_check_page(&mut browser, 200).await;

    let persons = browser.get("/programare/persoane").await;
    assert!(
        persons.html.contains("href=\"/programare/verificare\""),
        "Back leads to the check page"
    );
    let check = browser
        .post("/programare/persoane", &[("persons", "1")])
        .await;

    check.assert_at("/programare/verificare");
    assert!(check.html.contains("Persoana 1 (solicitant)"));
    assert!(
        !check.html.contains("Persoana 2"),
        "the extra person left with the count"
    );
}

#[tokio::test]
async fn changing_the_county_asks_again_only_for_what_depends_on_it() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
    walk::to_check_page(&mut browser, 210).await;

    let offices = browser.post("/programare", &[("county", "AB")]).await;
    offices.assert_at("/programare/birou");
    let office = offices.first("office_id");
    let days = browser
        .post("/programare/birou", &[("office_id", &office)])
        .await;
    days.assert_at("/programare/data");
    let date = days.first("date");
    let times = browser.post("/programare/data", &[("date", &date)]).await;
    let time = times.first("time");
    let check = browser.post("/programare/ora", &[("time", &time)]).await;

    check.assert_at("/programare/verificare");
    assert!(check.html.contains("Alba"));
    assert!(check.html.contains("Persoana 2"), "the people are kept");
}

#[tokio::test]
async fn a_time_taken_meanwhile_leads_back_to_the_time_step() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
    let (office, date, time) = walk::to_check_page(&mut browser, 300).await;
    let office_id: i64 = office.parse().expect("an office id");
    let mut next_cnp = 400;
    while browser.app.free_seats(office_id, &date, &time).await > 0 {
        let free = browser.app.free_seats(office_id, &date, &time).await.min(5);
        let body = booking_at(office_id, &date, &time, free, next_cnp);
        let response = browser.app.book(&body).await;
        assert_eq!(
            response.status(),
            201,
            "{:?}",
            response.json::<Value>().await
        );
        next_cnp += 10;
    }

    let times = walk::save(&mut browser).await;

    times.assert_at("/programare/ora");
    assert!(times.html.contains("Ora aleasă tocmai a fost ocupată"));
    assert!(
        !times.values("time").contains(&time),
        "the full time is not offered"
    );
    let other = times.first("time");
    let check = browser.post("/programare/ora", &[("time", &other)]).await;
    check.assert_at("/programare/verificare");
    assert!(
        check.html.contains("Persoana 2"),
        "the other answers are kept"
    );
    walk::save(&mut browser)
        .await
        .assert_at("/programare/trimis");
}

#[tokio::test]
async fn a_cnp_with_an_active_booking_is_explained() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
    let body = browser.app.booking_body(1, 500).await;
    assert_eq!(browser.app.book(&body).await.status(), 201);
    let token = browser.app.token_from_last_mail("confirma").await;
    let confirmed = browser
        .app
        .post(
            "/api/v1/bookings/confirm",
            &serde_json::json!({"token": token}),
        )
        .await;
    assert_eq!(confirmed.status(), 200);
    walk::to_check_page(&mut browser, 500).await;

    let refused = walk::save(&mut browser).await;

    assert_eq!(refused.status, 409);
    assert_eq!(refused.summary_links(), ["row-person-1"]);
    assert!(
        refused
            .html
            .contains("Unul dintre CNP-uri are deja o programare activă")
    );
    assert!(refused.html.contains("href=\"/verifica-programare\""));
    walk::assert_no_cnp_in_urls(&browser, &[cnp(500), cnp(501)]);
}

/// Issue 12: the first booking's confirmation went to a mistyped address; booking again
/// through the pages replaces it instead of answering "already booked".
#[tokio::test]
async fn an_unconfirmed_booking_of_the_same_person_is_replaced_by_booking_again() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
    let mut body = browser.app.booking_body(1, 500).await;
    body["applicant"]["email"] = serde_json::json!("ana@exmaple.ro");
    assert_eq!(browser.app.book(&body).await.status(), 201);
    walk::to_check_page(&mut browser, 500).await;

    let saved = walk::save(&mut browser).await;

    saved.assert_at("/programare/trimis");
}

#[tokio::test]
async fn an_answer_that_went_stale_is_shown_on_its_row_with_its_change_link() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
    walk::to_check_page(&mut browser, 800).await;
    // The citizen left the page open past the appointment itself.
    browser.app.clock.advance(chrono::Duration::days(120));

    let refused = walk::save(&mut browser).await;

    refused.assert_errors(&["row-date"]);
    assert!(refused.html.contains("Data: "), "the row names the answer");
    assert!(refused.html.contains("href=\"/programare/data\""));
}
