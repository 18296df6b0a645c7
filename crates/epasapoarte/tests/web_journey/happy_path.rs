//! The whole journey for a family of two, without JavaScript, on both backends: every
//! step answered by a form post, ending in a pending booking and a confirmation e-mail.

use epasapoarte::testing::{Backend, TestDatabase};

use super::browser::{Browser, Page};
use super::walk::{self, EMAIL};
use crate::api::support::cnp;
use crate::support::backends::run;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_family_of_two_books_without_javascript_on_sqlite() {
    run(Backend::Sqlite, a_family_of_two_books_without_javascript).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_family_of_two_books_without_javascript_on_postgres() {
    run(Backend::Postgres, a_family_of_two_books_without_javascript).await;
}

async fn a_family_of_two_books_without_javascript(mut browser: Browser) {
    let office = county_office_and_service(&mut browser).await;
    let (date, time) = persons_day_and_time(&mut browser).await;
    applicant_and_companion(&mut browser).await;
    let office_id: i64 = office.parse().expect("an office id");
    saving_takes_the_seats_and_sends_the_mail(&mut browser, office_id, &date, &time).await;

    assert_eq!(
        browser.cookie("epas_journey", "/programare"),
        None,
        "the journey is forgotten"
    );
    let again = browser.get("/programare/verificare").await;
    again.assert_at("/programare");
    walk::assert_no_cnp_in_urls(&browser, &[cnp(100), cnp(101)]);
}

/// Steps 1–3, each page checked: returns the chosen office.
async fn county_office_and_service(browser: &mut Browser) -> String {
    let start = browser.get("/programare").await;
    assert_eq!(start.status, 200);
    assert!(
        start
            .html
            .contains("În ce județ doriți să depuneți cererea?")
    );
    assert!(
        start
            .html
            .contains("<label class=\"label\" for=\"county\">Județ</label>")
    );
    assert_eq!(
        start.html.matches("<option value=\"").count(),
        43,
        "42 counties and the prompt"
    );

    let offices = browser.post("/programare", &[("county", "CJ")]).await;
    offices.assert_at("/programare/birou");
    assert!(offices.html.contains("Locație"));
    assert!(offices.html.contains("Primul loc liber: "));
    let office = offices.first("office_id");

    let services = browser
        .post("/programare/birou", &[("office_id", &office)])
        .await;
    services.assert_at("/programare/serviciu");
    assert!(services.html.contains("Pașaport simplu electronic"));
    assert!(services.html.contains("Pașaport simplu temporar"));
    office
}

/// Steps 4–6 for two persons, each page checked: returns the chosen date and time.
async fn persons_day_and_time(browser: &mut Browser) -> (String, String) {
    let persons = browser
        .post(
            "/programare/serviciu",
            &[("service", "passport_electronic")],
        )
        .await;
    persons.assert_at("/programare/persoane");
    assert!(persons.html.contains("Numărul de persoane programate"));

    let days = browser
        .post("/programare/persoane", &[("persons", "2")])
        .await;
    days.assert_at("/programare/data");
    assert!(days.html.contains("Săptămâna "));
    assert!(days.html.contains("locuri libere"));
    assert!(days.html.contains("Mai târziu"), "more days than one page");
    let date = days.first("date");

    let times = browser.post("/programare/data", &[("date", &date)]).await;
    times.assert_at("/programare/ora");
    assert!(times.html.contains("ora României"));
    let time = times.first("time");

    let applicant = browser.post("/programare/ora", &[("time", &time)]).await;
    assert_applicant_form(&applicant);
    (date, time)
}

/// Step 7's form: every field labelled, the CNP typed on a numeric keyboard.
fn assert_applicant_form(applicant: &Page) {
    applicant.assert_at("/programare/solicitant");
    for label in [
        "Nume",
        "Prenume",
        "Cod numeric personal",
        "Adresa de e-mail",
        "Număr de telefon (opțional)",
    ] {
        assert!(
            applicant.html.contains(&format!(">{label}</label>")),
            "label {label}"
        );
    }
    assert!(
        applicant
            .html
            .contains("13 cifre, de pe cartea de identitate")
    );
    assert!(applicant.html.contains("inputmode=\"numeric\""));
}

/// Steps 7–8 with CNPs 100 and 101: ends on the check page, the CNP masked, consent asked.
async fn applicant_and_companion(browser: &mut Browser) {
    let companions = walk::applicant(browser, 100).await;
    companions.assert_at("/programare/persoane-suplimentare");
    assert!(companions.html.contains("Persoane suplimentare"));
    assert!(companions.html.contains("Persoana 2"));

    let check = walk::companion(browser, 101).await;
    check.assert_at("/programare/verificare");
    assert!(check.html.contains("Verificați datele programării"));
    assert!(check.html.contains(&format!("*********{}", &cnp(100)[9..])));
    assert!(
        !check.html.contains(&cnp(100)),
        "the CNP is masked on the check page"
    );
    assert!(check.html.contains("Sunt de acord cu"));
    assert!(
        check
            .html
            .contains("href=\"/politica-de-confidentialitate\"")
    );
    assert!(check.html.contains("data-consent"));
    assert!(
        check
            .html
            .contains("data-requires-consent>Salvează</button>")
    );
}

/// Step 9: "Salvează" takes the two seats and sends one confirmation e-mail.
async fn saving_takes_the_seats_and_sends_the_mail(
    browser: &mut Browser,
    office_id: i64,
    date: &str,
    time: &str,
) {
    let free_before = browser.app.free_seats(office_id, date, time).await;
    let sent = walk::save(browser).await;
    sent.assert_at("/programare/trimis");
    assert_eq!(sent.status, 200);
    assert!(sent.html.contains("Verificați-vă e-mailul"));
    assert!(sent.html.contains("Programarea nu este încă confirmată."));
    assert!(
        sent.html
            .contains(&format!("Am trimis un link la adresa {EMAIL}."))
    );
    assert!(
        sent.html
            .contains("Confirmați în 30 de minute, altfel programarea se anulează.")
    );

    assert_eq!(
        browser.app.free_seats(office_id, date, time).await,
        free_before - 2
    );
    let mails = browser.app.deliver().await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, EMAIL);
    assert!(mails[0].text.contains("/programare/confirma/"));
}

#[tokio::test]
async fn the_days_page_through_the_booking_window() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
    let office = walk::county(&mut browser).await.first("office_id");
    browser
        .post("/programare/birou", &[("office_id", &office)])
        .await;
    browser
        .post(
            "/programare/serviciu",
            &[("service", "passport_electronic")],
        )
        .await;
    let first = browser
        .post("/programare/persoane", &[("persons", "1")])
        .await;
    let first_days = first.values("date");
    assert!(
        first_days.len() >= 14,
        "at least two weeks of choosable days"
    );
    assert!(!first.html.contains("Mai devreme"));

    let later = first
        .html
        .split("href=\"/programare/data?de_la=")
        .nth(1)
        .expect("a later link");
    let later = &later[..10];
    let second = browser
        .get(&format!("/programare/data?de_la={later}"))
        .await;
    assert_eq!(second.status, 200);
    assert!(second.html.contains("Mai devreme"));
    assert_eq!(second.first("date"), later);
    assert!(
        second
            .values("date")
            .iter()
            .all(|d| !first_days.contains(d))
    );

    let nonsense = browser.get("/programare/data?de_la=%3Cscript%3E").await;
    assert_eq!(nonsense.status, 200);
}
