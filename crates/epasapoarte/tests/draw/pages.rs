//! `/tragere` and `/tragere/confirma/{token}` as a browser without JavaScript sees them:
//! the form in both languages, its errors summarised and named, the entry sent, the
//! confirm link's GET changing nothing and its button confirming.

use epasapoarte::testing::TestDatabase;

use super::support::{DrawApp, cnp};
use crate::on_both_backends;
use crate::support::app::TestApp;
use crate::support::app::csrf_in;

on_both_backends!(the_entry_form_works_without_javascript_in_both_languages);

impl DrawApp {
    async fn post_form(&self, path: &str, csrf: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let solution = self.solution_for(path).await;
        let mut all = vec![("csrf", csrf)];
        if let Some(solution) = &solution {
            all.push(("altcha", solution.as_str()));
        }
        all.extend_from_slice(fields);
        let response = self
            .client
            .post(self.url(path))
            .form(&all)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    async fn entry_status(&self, token: &str) -> String {
        let link = epasapoarte::ids::LinkToken::parse(token).unwrap();
        self.state
            .service
            .draw_entry_for_token(&link)
            .await
            .unwrap()
            .status
    }
}

async fn the_entry_form_works_without_javascript_in_both_languages(db: TestDatabase) {
    // Rate limits, and so the proof of work, stay on here (DrawApp turns them off).
    let app = DrawApp(
        TestApp::launch(db)
            .config(|config| config.fair.draw = true)
            .start()
            .await,
    );
    let (status, english) = app.page("/tragere?lang=en").await;
    assert_eq!(status, 200);
    assert!(english.contains("Send the entry"), "{english}");
    let (status, html) = app.page("/tragere?lang=ro").await;
    assert_eq!(status, 200);
    for needle in [
        "id=\"cnp-0\"",
        "name=\"office_1\"",
        "name=\"part_of_day\"",
        "Trimite înscrierea",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    assert!(!html.contains("web.draw."), "every key translated");
    let csrf = csrf_in(&html).unwrap();

    let (status, errors) = app
        .post_form("/tragere", &csrf, &[("last_name_0", "Pop")])
        .await;

    assert_eq!(status, 422);
    assert!(errors.contains("data-error-summary"));
    for link in ["href=\"#cnp-0\"", "href=\"#office-1\"", "href=\"#email\""] {
        assert!(errors.contains(link), "{link} in the summary");
    }
    assert!(errors.contains("value=\"Pop\""), "the answers are kept");

    let office = app.office_id("CJ").await.to_string();
    let applicant_cnp = cnp(900);
    let fields = [
        ("last_name_0", "Pop"),
        ("first_name_0", "Ana"),
        ("cnp_0", applicant_cnp.as_str()),
        ("email", "ana@example.ro"),
        ("office_1", office.as_str()),
        ("part_of_day", "morning"),
        ("wants_waitlist", "yes"),
        ("consent", "yes"),
    ];
    // Complete, but without the solved challenge: refused, the answers kept.
    assert!(
        app.state.pow.enabled(),
        "the test app keeps proof of work on"
    );
    let mut unsolved = vec![("csrf", csrf.as_str())];
    unsolved.extend_from_slice(&fields);
    let response = app
        .client
        .post(app.url("/tragere"))
        .form(&unsolved)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let refused = response.text().await.unwrap();
    assert!(
        refused.contains("href=\"#altcha\""),
        "the summary names the check"
    );
    assert!(refused.contains("value=\"Pop\""), "the answers are kept");

    let (status, sent) = app.post_form("/tragere", &csrf, &fields).await;
    assert_eq!(status, 200, "{sent}");
    assert!(sent.contains("Verificați e-mailul"));

    let token = app.draw_token().await;
    let path = format!("/tragere/confirma/{token}");
    let (status, ask) = app.page(&path).await;
    assert_eq!(status, 200);
    assert!(ask.contains("id=\"confirm\""));
    assert_eq!(
        app.entry_status(&token).await,
        "pending",
        "a GET changes nothing"
    );
    let (status, done) = app.post_form(&path, &csrf_in(&ask).unwrap(), &[]).await;
    assert_eq!(status, 200);
    assert!(done.contains("Înscriere confirmată"), "{done}");
    assert_eq!(app.entry_status(&token).await, "confirmed");
}
