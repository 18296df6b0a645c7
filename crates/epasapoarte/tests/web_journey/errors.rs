//! Each step refuses a bad answer with the GOV.UK error summary (422), whose links lead to
//! the fields; a bad CNP names the rule it broke.

use epasapoarte::testing::TestDatabase;

use super::browser::{Browser, Page};
use super::walk;
use crate::api::support::cnp;

#[tokio::test]
async fn the_choice_steps_refuse_missing_and_unknown_answers() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
    county_and_office_refuse_bad_answers(&mut browser).await;
    let days = service_and_persons_refuse_bad_answers(&mut browser).await;
    day_and_time_refuse_bad_answers(&mut browser, &days).await;
}

/// Steps 1–2: a missing or unknown county or office; ends on the service step.
async fn county_and_office_refuse_bad_answers(browser: &mut Browser) {
    browser.get("/programare").await;

    let page = browser.post("/programare", &[]).await;
    page.assert_errors(&["county"]);
    assert!(
        page.html
            .contains("Alegeți județul în care doriți să depuneți cererea.")
    );
    assert!(page.html.contains("<title>Eroare: "));
    browser
        .post("/programare", &[("county", "XX")])
        .await
        .assert_errors(&["county"]);

    let office = walk::county(browser).await.first("office_id");
    browser
        .post("/programare/birou", &[])
        .await
        .assert_errors(&["office_id"]);
    browser
        .post("/programare/birou", &[("office_id", "999999")])
        .await
        .assert_errors(&["office_id"]);
    browser
        .post("/programare/birou", &[("office_id", &office)])
        .await;
}

/// Steps 3–4: an unknown service, a missing or impossible number of persons; ends on the
/// days page for two.
async fn service_and_persons_refuse_bad_answers(browser: &mut Browser) -> Page {
    browser
        .post("/programare/serviciu", &[("service", "visa")])
        .await
        .assert_errors(&["service"]);
    browser
        .post(
            "/programare/serviciu",
            &[("service", "passport_electronic")],
        )
        .await;

    browser
        .post("/programare/persoane", &[])
        .await
        .assert_errors(&["persons"]);
    let too_many = browser
        .post("/programare/persoane", &[("persons", "11")])
        .await;
    too_many.assert_errors(&["persons"]);
    assert!(too_many.html.contains("depășește maximul permis"));
    browser
        .post("/programare/persoane", &[("persons", "-1")])
        .await
        .assert_errors(&["persons"]);
    browser
        .post("/programare/persoane", &[("persons", "2")])
        .await
}

/// Steps 5–6: a missing, impossible or past day, then a missing or impossible time.
async fn day_and_time_refuse_bad_answers(browser: &mut Browser, days: &Page) {
    browser
        .post("/programare/data", &[])
        .await
        .assert_errors(&["date"]);
    browser
        .post("/programare/data", &[("date", "2026-02-30")])
        .await
        .assert_errors(&["date"]);
    let past = browser
        .post("/programare/data", &[("date", "2020-01-06")])
        .await;
    past.assert_errors(&["date"]);
    assert!(past.html.contains("nu mai are locuri libere"));
    browser
        .post("/programare/data", &[("date", &days.first("date"))])
        .await;

    let empty = browser.post("/programare/ora", &[]).await;
    empty.assert_errors(&["time"]);
    // Issue 12: the times come grouped by part of the day; the first radio keeps the
    // group's id, so the summary's link still lands on it.
    assert!(
        empty.html.contains("Dimineața (până la 12:00)")
            || empty.html.contains("După-amiaza (de la 12:00)")
    );
    assert!(empty.html.contains(r#"id="time" name="time""#));
    browser
        .post("/programare/ora", &[("time", "25:99")])
        .await
        .assert_errors(&["time"]);
    browser
        .post("/programare/ora", &[("time", "03:00")])
        .await
        .assert_errors(&["time"]);
}

#[tokio::test]
async fn the_persons_steps_name_each_broken_rule() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
    walk::through_time(&mut browser, 2).await;

    let bad_check_digit = the_applicant_step_names_each_rule(&mut browser).await;
    walk::applicant(&mut browser, 600)
        .await
        .assert_at("/programare/persoane-suplimentare");
    the_companion_step_names_each_rule(&mut browser).await;

    let no_consent = browser.post("/programare/verificare", &[]).await;
    no_consent.assert_errors(&["consent"]);
    assert!(no_consent.html.contains("Trebuie să vă dați acordul"));
    walk::assert_no_cnp_in_urls(&browser, &[cnp(600), cnp(601), bad_check_digit]);
}

/// Step 7: empty fields, each broken CNP rule, a bad e-mail and phone. Returns the CNP
/// with a wrong check digit it tried.
async fn the_applicant_step_names_each_rule(browser: &mut Browser) -> String {
    let empty = browser.post("/programare/solicitant", &[]).await;
    empty.assert_errors(&["last_name", "first_name", "cnp", "email"]);
    assert!(
        empty.html.contains("Completați câmpul „Nume”."),
        "an empty field is named"
    );
    assert!(
        empty
            .html
            .contains("aria-describedby=\"cnp-hint cnp-error\"")
    );

    let bad_check_digit = with_wrong_check_digit(cnp(600));
    for (cnp, rule) in [
        (
            bad_check_digit.as_str(),
            "Cifra de control a CNP-ului nu se potrivește",
        ),
        ("1850101", "CNP-ul trebuie să aibă exact 13 cifre"),
        ("9850101123456", "Prima cifră a CNP-ului nu este validă"),
        ("1850101483456", "Codul de județ din CNP nu este valid"),
    ] {
        let page = post_applicant(browser, cnp, walk::EMAIL, "").await;
        page.assert_errors(&["cnp"]);
        assert!(page.html.contains(rule), "{cnp} → {rule}");
        assert!(
            page.html.contains(&format!("value=\"{cnp}\"")),
            "the typed CNP is kept"
        );
    }
    post_applicant(browser, &cnp(600), "ana@", "12")
        .await
        .assert_errors(&["email", "phone"]);
    bad_check_digit
}

/// Step 8: empty fields named by person, and a CNP already given for the applicant; ends
/// on the check page.
async fn the_companion_step_names_each_rule(browser: &mut Browser) {
    browser
        .post("/programare/persoane-suplimentare", &[])
        .await
        .assert_errors(&["p2_last_name", "p2_first_name", "p2_cnp"]);
    let empty = browser.post("/programare/persoane-suplimentare", &[]).await;
    assert!(
        empty
            .html
            .contains("Persoana 2: Completați câmpul „Prenume”."),
        "whose field"
    );
    let duplicate = walk::companion(browser, 600).await;
    duplicate.assert_errors(&["p2_cnp"]);
    assert!(duplicate.html.contains("Același CNP apare de două ori"));
    walk::companion(browser, 601)
        .await
        .assert_at("/programare/verificare");
}

/// The applicant's step posted with Ana Popescu's names and these three answers.
async fn post_applicant(browser: &mut Browser, cnp: &str, email: &str, phone: &str) -> Page {
    let fields = [
        ("last_name", "Popescu"),
        ("first_name", "Ana"),
        ("cnp", cnp),
        ("email", email),
        ("phone", phone),
    ];
    browser.post("/programare/solicitant", &fields).await
}

/// `cnp` with its last digit moved on by one: every other rule still holds.
fn with_wrong_check_digit(mut cnp: String) -> String {
    let last = cnp.pop().and_then(|c| c.to_digit(10)).unwrap_or(0);
    cnp.push(char::from_digit((last + 1) % 10, 10).unwrap_or('0'));
    cnp
}
