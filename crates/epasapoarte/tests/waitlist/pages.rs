//! The waitlist pages without JavaScript: join, confirm, take.

use super::support::*;
use crate::on_both_backends;
use crate::support::app::{TestApp, cnp, csrf_in};

on_both_backends!(the_waitlist_pages_work_without_javascript,);

async fn form(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let (_, html) = app.page("/lista-asteptare").await;
    let token = csrf_in(&html).expect("a csrf field");
    let solution = app.solution_for(path).await;
    let mut all = vec![("csrf", token.as_str())];
    if let Some(solution) = &solution {
        all.push(("altcha", solution.as_str()));
    }
    all.extend_from_slice(fields);
    let response = app
        .client
        .post(app.url(path))
        .form(&all)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn the_waitlist_pages_work_without_javascript(app: TestApp) {
    let (office, date, _) = office_and_slot(&app, 2).await;
    let (status, html) = app.page("/lista-asteptare").await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"office_1\"") && html.contains("id=\"consent\""));

    // Mistakes: the summary names each field and links to it; what was typed and the
    // consent survive (issue 12).
    let (status, html) = form(
        &app,
        "/lista-asteptare",
        &[
            ("date_from", "ieri"),
            ("applicant-last_name", "Ionescu"),
            ("consent", "yes"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("data-error-summary"));
    assert!(html.contains("value=\"Ionescu\""), "the name as typed");
    assert!(
        html.contains("name=\"consent\" value=\"yes\" checked"),
        "the consent stays ticked"
    );
    for id in [
        "#office_1",
        "#date_from",
        "#applicant-cnp",
        "#applicant-email",
    ] {
        assert!(
            html.contains(&format!("href=\"{id}\"")),
            "{id} in the summary"
        );
    }

    let office = office.to_string();
    let applicant = cnp(500);
    let companion = cnp(501);
    let fields = [
        ("office_1", office.as_str()),
        ("date_from", date.as_str()),
        ("date_to", date.as_str()),
        ("applicant-last_name", "Ionescu"),
        ("applicant-first_name", "Maria"),
        ("applicant-cnp", applicant.as_str()),
        ("applicant-email", "pagini@example.ro"),
        ("companions-0-last_name", "Ionescu"),
        ("companions-0-first_name", "Dan"),
        ("companions-0-cnp", companion.as_str()),
        ("consent", "yes"),
    ];
    // Complete, but without the solved challenge: refused, the answers kept.
    assert!(app.state.pow.enabled());
    let (_, page) = app.page("/lista-asteptare").await;
    let csrf = csrf_in(&page).expect("a csrf field");
    let mut unsolved = vec![("csrf", csrf.as_str())];
    unsolved.extend_from_slice(&fields);
    let refused = app
        .client
        .post(app.url("/lista-asteptare"))
        .form(&unsolved)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    assert!(
        refused.contains("href=\"#altcha\""),
        "the summary names the check"
    );
    assert!(
        refused.contains("value=\"Ionescu\""),
        "the answers are kept"
    );

    let (status, html) = form(&app, "/lista-asteptare", &fields).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("e-mail"));
    let token = token_to(&app, "/lista-asteptare/confirma/", "pagini@example.ro").await;
    let (status, html) = app
        .page(&format!("/lista-asteptare/confirma/{token}"))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("<form"));
    let (status, _) = form(&app, &format!("/lista-asteptare/confirma/{token}"), &[]).await;
    assert_eq!(status, 200);
    // Confirmed: a second entry for the same CNP is refused, named on the form.
    let (status, html) = form(&app, "/lista-asteptare", &fields).await;
    assert_eq!(status, 422);
    assert!(html.contains("href=\"#applicant-cnp\""));

    // A hold taken from its page.
    delay(&app, "3600-3600");
    let (office, date, time) = office_and_slot(&app, 2).await;
    let cancel_token = book_and_confirm(&app, &booking(office, &date, &time, 2, 510)).await;
    cancel(&app, &cancel_token).await;
    assert_eq!(holds(&app).await.holds_offered, 1);
    let take = token_to(&app, "/lista-asteptare/preia/", "pagini@example.ro").await;
    let (status, _) = form(&app, &format!("/lista-asteptare/preia/{take}"), &[]).await;
    assert_eq!(status, 200);
    let (status, _) = form(&app, &format!("/lista-asteptare/preia/{take}"), &[]).await;
    assert_eq!(status, 409, "taken already");
    let (status, _) = app.page("/lista-asteptare?lang=en").await;
    assert_eq!(status, 200);
}
