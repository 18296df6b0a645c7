//! Each step refuses a bad answer with the GOV.UK error summary (422), whose links lead to
//! the fields; a bad CNP names the rule it broke.

use epasapoarte::testing::TestDatabase;

use super::browser::Browser;
use super::walk;
use crate::api::support::cnp;

#[tokio::test]
async fn the_choice_steps_refuse_missing_and_unknown_answers() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
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

    let office = walk::county(&mut browser).await.first("office_id");
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
    let days = browser
        .post("/programare/persoane", &[("persons", "2")])
        .await;

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

    browser
        .post("/programare/ora", &[])
        .await
        .assert_errors(&["time"]);
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

    let mut bad_check_digit = cnp(600);
    let last = bad_check_digit
        .pop()
        .and_then(|c| c.to_digit(10))
        .unwrap_or(0);
    bad_check_digit.push(char::from_digit((last + 1) % 10, 10).unwrap_or('0'));
    let fields = |cnp: &str, email: &str, phone: &str| {
        vec![
            ("last_name".to_owned(), "Popescu".to_owned()),
            ("first_name".to_owned(), "Ana".to_owned()),
            ("cnp".to_owned(), cnp.to_owned()),
            ("email".to_owned(), email.to_owned()),
            ("phone".to_owned(), phone.to_owned()),
        ]
    };
    for (cnp, rule) in [
        (
            bad_check_digit.as_str(),
            "Cifra de control a CNP-ului nu se potrivește",
        ),
        ("1850101", "CNP-ul trebuie să aibă exact 13 cifre"),
        ("9850101123456", "Prima cifră a CNP-ului nu este validă"),
        ("1850101483456", "Codul de județ din CNP nu este valid"),
    ] {
        let posted = fields(cnp, walk::EMAIL, "");
        let pairs: Vec<(&str, &str)> = posted
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let page = browser.post("/programare/solicitant", &pairs).await;
        page.assert_errors(&["cnp"]);
        assert!(page.html.contains(rule), "{cnp} → {rule}");
        assert!(
            page.html.contains(&format!("value=\"{cnp}\"")),
            "the typed CNP is kept"
        );
    }
    let posted = fields(&cnp(600), "ana@", "12");
    let pairs: Vec<(&str, &str)> = posted
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    browser
        .post("/programare/solicitant", &pairs)
        .await
        .assert_errors(&["email", "phone"]);

    walk::applicant(&mut browser, 600)
        .await
        .assert_at("/programare/persoane-suplimentare");
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
    let duplicate = walk::companion(&mut browser, 600).await;
    duplicate.assert_errors(&["p2_cnp"]);
    assert!(duplicate.html.contains("Același CNP apare de două ori"));
    walk::companion(&mut browser, 601)
        .await
        .assert_at("/programare/verificare");

    let no_consent = browser.post("/programare/verificare", &[]).await;
    no_consent.assert_errors(&["consent"]);
    assert!(no_consent.html.contains("Trebuie să vă dați acordul"));
    walk::assert_no_cnp_in_urls(&browser, &[cnp(600), cnp(601), bad_check_digit]);
}
