//! The journey's fences: a step reached too early redirects to the first missing answer;
//! a journey cookie that is not ours starts over; a form without its token is refused;
//! hostile input gets the error summary, never a server error.

use epasapoarte::testing::TestDatabase;

use super::browser::{Browser, form_body};
use super::walk;

fn location(response: &reqwest::Response) -> &str {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn a_step_reached_out_of_order_redirects_to_the_first_missing_answer() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;

    let early = browser.send_get("/programare/ora").await;
    assert_eq!(early.status(), 303);
    assert_eq!(location(&early), "/programare");

    walk::county(&mut browser).await;
    let check = browser.send_get("/programare/verificare").await;
    assert_eq!(check.status(), 303);
    assert_eq!(location(&check), "/programare/birou");
    let posted = browser
        .post("/programare/persoane-suplimentare", &[("p2_cnp", "1")])
        .await;
    posted.assert_at("/programare/birou");
    assert_eq!(
        browser.get("/programare/trimis").await.status,
        200,
        "the last page needs nothing"
    );
}

#[tokio::test]
async fn a_tampered_journey_cookie_starts_the_journey_over() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
    walk::through_time(&mut browser, 1).await;
    let sealed = browser
        .cookie("epas_journey", "/programare")
        .expect("a journey cookie");
    let mut tampered: Vec<char> = sealed.chars().collect();
    let middle = tampered.len() / 2;
    tampered[middle] = if tampered[middle] == 'A' { 'B' } else { 'A' };
    let tampered: String = tampered.into_iter().collect();

    browser.set_cookie(&format!("epas_journey={tampered}; Path=/programare"));
    let page = browser.get("/programare/solicitant").await;

    page.assert_at("/programare");
    assert_eq!(page.status, 200);
    browser.set_cookie("epas_journey=not-even-base64!; Path=/programare");
    browser
        .get("/programare/ora")
        .await
        .assert_at("/programare");
}

#[tokio::test]
async fn a_form_without_its_token_is_refused() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
    browser.get("/programare").await;

    let missing = browser
        .send_post("/programare", form_body(&[("county", "CJ")]))
        .await;
    assert_eq!(missing.status(), 403);
    let wrong = browser
        .send_post(
            "/programare",
            form_body(&[("csrf", "00ff"), ("county", "CJ")]),
        )
        .await;
    assert_eq!(wrong.status(), 403);
    let token = browser.csrf().to_owned();
    let right = browser
        .send_post(
            "/programare",
            form_body(&[("csrf", &token), ("county", "CJ")]),
        )
        .await;
    assert_eq!(right.status(), 303);
}

#[tokio::test]
async fn hostile_input_gets_the_error_summary_and_never_a_server_error() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
    browser.get("/programare").await;
    let script = "<script>alert(1)</script>";
    let page = browser.post("/programare", &[("county", script)]).await;
    page.assert_errors(&["county"]);
    assert!(!page.html.contains(script), "input is escaped");

    walk::through_time(&mut browser, 1).await;
    let long = "Ă".repeat(150);
    for (name, value) in [
        ("cnp", "１８５０１０１１２３４５６"),
        ("cnp", "1850101\u{a0}123456"),
        ("cnp", script),
        ("last_name", long.as_str()),
        ("last_name", "\u{202e}Popescu"),
        ("email", "a@b@c"),
        ("phone", "+40 721 ### 456"),
    ] {
        let page = browser
            .post("/programare/solicitant", &[(name, value)])
            .await;
        assert_eq!(page.status, 422, "{name}={value:?}");
        assert!(
            page.summary_links().contains(&name.to_owned()),
            "{name}={value:?}"
        );
        assert!(!page.html.contains(script));
    }
    let huge = "x".repeat(64 * 1024);
    let refused = browser
        .post("/programare/solicitant", &[("last_name", &huge)])
        .await;
    assert!(refused.status < 500, "a huge form is refused, not a crash");
}

#[tokio::test]
async fn the_journey_cookie_is_sealed_scoped_and_short_lived() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
    walk::through_time(&mut browser, 1).await;
    let token = browser.csrf().to_owned();
    let body = form_body(&[
        ("csrf", &token),
        ("last_name", "Popescu"),
        ("first_name", "Ana"),
        ("cnp", &crate::api::support::cnp(900)),
        ("email", walk::EMAIL),
    ]);

    let response = browser.send_post("/programare/solicitant", body).await;

    assert_eq!(response.status(), 303);
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("epas_journey="))
        .expect("the journey cookie")
        .to_owned();
    for attribute in [
        "Path=/programare;",
        "SameSite=Lax",
        "Max-Age=3600",
        "HttpOnly",
    ] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    assert!(!cookie.contains(&crate::api::support::cnp(900)));
    assert!(!cookie.contains("Popescu") && !cookie.contains("example.ro"));
}

#[tokio::test]
async fn a_book_here_link_starts_the_journey_with_that_office_chosen() {
    let mut browser = Browser::open(TestDatabase::sqlite()).await;
    let offices: Vec<serde_json::Value> = browser
        .send_get("/api/v1/offices?county=TM")
        .await
        .json()
        .await
        .unwrap();
    let office = offices[0]["id"].as_i64().unwrap();

    let entry = browser
        .send_get(&format!("/programare?birou={office}"))
        .await;

    assert_eq!(entry.status(), 303);
    assert_eq!(
        location(&entry),
        "/programare/serviciu",
        "county and office are answered"
    );
    let unknown = browser.send_get("/programare?birou=999999").await;
    assert_eq!(unknown.status(), 200, "an unknown office just shows step 1");

    // Issue 12: from the earliest search, the service and persons come along.
    let from_search = browser
        .get(&format!(
            "/programare?birou={office}&serviciu=passport_temporary&persoane=2"
        ))
        .await;
    from_search.assert_at("/programare/serviciu");
    assert!(
        from_search
            .html
            .contains(r#"value="passport_temporary" checked"#),
        "{}",
        from_search.html
    );
    let persons = browser.get("/programare/persoane").await;
    assert!(
        persons.html.contains(r#"value="2" checked"#)
            || persons.html.contains(r#"value="2" selected"#),
        "{}",
        persons.html
    );
}
