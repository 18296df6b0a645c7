//! The journey in English (`?lang=en`, then remembered): the official labels' English
//! equivalents on every step, and the same booking at the end.

use epasapoarte::testing::TestDatabase;

use super::browser::Browser;
use super::walk;

#[tokio::test]
async fn the_journey_speaks_english_when_asked() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;

    let start = browser.get("/programare?lang=en").await;
    assert!(start.html.contains("<html lang=\"en\">"));
    assert!(start.html.contains(">County</label>"));
    let offices = browser.post("/programare", &[("county", "CJ")]).await;
    assert!(offices.html.contains(">Office</legend>"));
    assert!(offices.html.contains("First free place: "));
    let office = offices.first("office_id");
    let services = browser
        .post("/programare/birou", &[("office_id", &office)])
        .await;
    assert!(services.html.contains(">Service</legend>"));
    assert!(services.html.contains("Electronic passport"));
    let persons = browser
        .post(
            "/programare/serviciu",
            &[("service", "passport_electronic")],
        )
        .await;
    assert!(persons.html.contains(">Number of people booked</legend>"));
    let days = browser
        .post("/programare/persoane", &[("persons", "2")])
        .await;
    assert!(days.html.contains(">Date</legend>"));
    assert!(days.html.contains("free places"));
    assert!(days.html.contains("Week of "));
    let times = browser
        .post("/programare/data", &[("date", &days.first("date"))])
        .await;
    assert!(times.html.contains(">Time</legend>"));
    assert!(times.html.contains("Romanian time"));
    let applicant = browser
        .post("/programare/ora", &[("time", &times.first("time"))])
        .await;
    for label in [
        "Last name",
        "First name",
        "Personal numeric code (CNP)",
        "E-mail address",
        "Phone number (optional)",
    ] {
        assert!(
            applicant.html.contains(&format!(">{label}</label>")),
            "label {label}"
        );
    }
    let companions = walk::applicant(&mut browser, 700).await;
    assert!(companions.html.contains("<h1>Additional people</h1>"));
    let check = walk::companion(&mut browser, 701).await;
    assert!(check.html.contains("Check your appointment details"));
    assert!(check.html.contains(">Save</button>"));
    assert!(check.html.contains("Personal data protection policy"));

    let sent = walk::save(&mut browser).await;
    sent.assert_at("/programare/trimis");
    assert!(sent.html.contains("Check your e-mail"));
    assert!(sent.html.contains("Confirm within 30 minutes"));
    let mails = browser.app.deliver().await;
    assert_eq!(mails.len(), 1);
}
