//! The journey's steps as one helper each, answering with valid data: tests walk up to
//! the step they are about and then misbehave there.

use super::browser::{Browser, Page};
use crate::api::support::cnp;

pub const EMAIL: &str = "ana.popescu@example.ro";

/// Step 1 → the office page.
pub async fn county(browser: &mut Browser) -> Page {
    browser.get("/programare").await;
    browser.post("/programare", &[("county", "CJ")]).await
}

/// Steps 1–6 for `persons`: ends on the applicant's page. Returns (office, date, time).
pub async fn through_time(browser: &mut Browser, persons: u8) -> (String, String, String) {
    let office_page = county(browser).await;
    let office = office_page.first("office_id");
    browser
        .post("/programare/birou", &[("office_id", &office)])
        .await;
    browser
        .post(
            "/programare/serviciu",
            &[("service", "passport_electronic")],
        )
        .await;
    let days = browser
        .post("/programare/persoane", &[("persons", &persons.to_string())])
        .await;
    // A day after today: late in the afternoon today may have one time left or none,
    // and tests that fill a time need another one beside it.
    let today = browser.app.state.service.today_in_romania().to_string();
    let date = days
        .values("date")
        .into_iter()
        .find(|day| *day > today)
        .unwrap_or_else(|| days.first("date"));
    let times = browser.post("/programare/data", &[("date", &date)]).await;
    let time = times.first("time");
    let applicant = browser.post("/programare/ora", &[("time", &time)]).await;
    applicant.assert_at("/programare/solicitant");
    (office, date, time)
}

/// Step 7 with the n-th test CNP.
pub async fn applicant(browser: &mut Browser, cnp_number: u32) -> Page {
    browser
        .post(
            "/programare/solicitant",
            &[
                ("last_name", "Popescu"),
                ("first_name", "Ana"),
                ("cnp", &cnp(cnp_number)),
                ("email", EMAIL),
                ("phone", "0721 123 456"),
            ],
        )
        .await
}

/// Step 8 for person 2.
pub async fn companion(browser: &mut Browser, cnp_number: u32) -> Page {
    browser
        .post(
            "/programare/persoane-suplimentare",
            &[
                ("p2_last_name", "Popescu"),
                ("p2_first_name", "Ion"),
                ("p2_cnp", &cnp(cnp_number)),
            ],
        )
        .await
}

/// Steps 1–8 for a family of two: ends on the check page.
pub async fn to_check_page(browser: &mut Browser, first_cnp: u32) -> (String, String, String) {
    let chosen = through_time(browser, 2).await;
    applicant(browser, first_cnp).await;
    let check = companion(browser, first_cnp + 1).await;
    check.assert_at("/programare/verificare");
    chosen
}

/// Step 9: "Salvează" with consent.
pub async fn save(browser: &mut Browser) -> Page {
    browser
        .post("/programare/verificare", &[("consent", "yes")])
        .await
}

/// No CNP in any URL or `Location` the browser saw.
pub fn assert_no_cnp_in_urls(browser: &Browser, cnps: &[String]) {
    for url in &browser.trail {
        for cnp in cnps {
            assert!(!url.contains(cnp.as_str()), "a CNP in the URL {url}");
        }
        assert!(!url.contains("cnp="), "a CNP field in the URL {url}");
    }
}
