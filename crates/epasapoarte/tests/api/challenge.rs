//! Proof of work instead of a captcha (SPEC §8): `GET /api/v1/challenge`, the `altcha`
//! field of the public writes, the no-JavaScript ticket of the forms, the replay store
//! shared by all instances (the database), the difficulty under load.

use epasapoarte::testing::pow;
use serde_json::{Value, json};

use epasapoarte::testing::TestDatabase;

use super::support::TestApp;
use crate::on_both_backends;
use crate::support::app::csrf_in;

on_both_backends!(
    a_booking_without_a_solution_is_challenge_required,
    a_wrong_number_is_refused,
    a_solution_is_accepted_once,
    an_expired_solution_is_refused,
    a_solution_for_another_form_is_refused,
    a_lookup_carries_its_solution_too,
    a_form_without_javascript_is_accepted_after_its_minimum_time_once,
    difficulty_rises_with_the_requesters_rate_and_stays_bounded,
    challenges_are_counted_for_operators_and_the_public,
    without_rate_limits_no_solution_is_needed,
);

/// The body of a 4xx `challenge_required`, with its reason on `altcha`.
async fn assert_challenge_required(response: reqwest::Response, reason: &str) {
    assert_eq!(response.status(), 403);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "challenge_required", "{body}");
    let field = body["error"]["fields"]["altcha"]
        .as_str()
        .unwrap_or_default();
    assert!(field.contains(reason), "{reason} in {body}");
}

async fn a_booking_without_a_solution_is_challenge_required(app: TestApp) {
    let body = app.booking_body(1, 10).await;
    let response = app.post_as_is("/api/v1/bookings", &body).await;
    assert_challenge_required(response, "missing").await;
    let mut empty = body.clone();
    empty["altcha"] = json!("");
    assert_challenge_required(app.post_as_is("/api/v1/bookings", &empty).await, "missing").await;
    let mut garbage = body;
    garbage["altcha"] = json!("bm90IGEgc29sdXRpb24=");
    assert_challenge_required(
        app.post_as_is("/api/v1/bookings", &garbage).await,
        "not valid",
    )
    .await;
    assert!(app.deliver().await.is_empty(), "nothing was booked");
}

async fn a_wrong_number_is_refused(app: TestApp) {
    let mut body = app.booking_body(1, 20).await;
    body["altcha"] = json!(pow::wrong_number(&app.challenge("booking").await));
    let response = app.post_as_is("/api/v1/bookings", &body).await;
    assert_challenge_required(response, "not valid").await;
}

async fn a_solution_is_accepted_once(app: TestApp) {
    let solution = pow::solve(&app.challenge("booking").await);
    let mut first = app.booking_body(1, 30).await;
    first["altcha"] = json!(solution);
    assert_eq!(
        app.post_as_is("/api/v1/bookings", &first).await.status(),
        201
    );

    let mut second = app.booking_body(1, 31).await;
    second["altcha"] = json!(solution);
    let replay = app.post_as_is("/api/v1/bookings", &second).await;
    assert_challenge_required(replay, "already used").await;
}

async fn an_expired_solution_is_refused(app: TestApp) {
    let solution = pow::solve(&app.challenge("booking").await);
    app.advance(epasapoarte::pow::CHALLENGE_TTL + chrono::Duration::seconds(1));
    let mut body = app.booking_body(1, 40).await;
    body["altcha"] = json!(solution);
    let response = app.post_as_is("/api/v1/bookings", &body).await;
    assert_challenge_required(response, "expired").await;
}

async fn a_solution_for_another_form_is_refused(app: TestApp) {
    let mut body = app.booking_body(1, 50).await;
    body["altcha"] = json!(pow::solve(&app.challenge("lookup").await));
    let response = app.post_as_is("/api/v1/bookings", &body).await;
    assert_challenge_required(response, "not valid").await;
    let unknown = app.get("/api/v1/challenge?form=nonsense").await;
    assert_eq!(unknown.status(), 422);
}

async fn a_lookup_carries_its_solution_too(app: TestApp) {
    let body = json!({"email": "ana.popescu@example.ro"});
    let bare = app.post_as_is("/api/v1/lookup", &body).await;
    assert_challenge_required(bare, "missing").await;
    assert_eq!(app.post("/api/v1/lookup", &body).await.status(), 202);
}

/// The no-JavaScript path: the form's signed ticket is refused when sent at once (the
/// form again, values kept, the summary naming the check, no refresh), accepted once
/// its minimum fill time has passed, and only once.
async fn a_form_without_javascript_is_accepted_after_its_minimum_time_once(app: TestApp) {
    let (status, html) = app.page("/verifica-programare").await;
    assert_eq!(status, 200);
    assert!(html.contains("<altcha-widget"), "the widget is on the form");
    assert!(
        !html.contains("http-equiv=\"refresh\""),
        "no refreshing page"
    );
    let ticket = value_of(&html, "ticket").expect("a ticket on the form");
    let csrf = csrf_in(&html).expect("a csrf field");
    let fields = [
        ("csrf", csrf.as_str()),
        ("email", "ana.popescu@example.ro"),
        ("ticket", ticket.as_str()),
    ];
    let too_early = post_form(&app, &fields).await;
    assert_eq!(too_early.0, 422);
    assert!(
        too_early.1.contains("href=\"#altcha\""),
        "the summary names the check"
    );
    assert!(
        too_early.1.contains("value=\"ana.popescu@example.ro\""),
        "the answers are kept"
    );
    assert_eq!(
        value_of(&too_early.1, "ticket").as_deref(),
        Some(ticket.as_str()),
        "the same ticket: its wait has partly passed"
    );

    app.advance(epasapoarte_domain::fair::pow::MIN_FILL_FLOOR + chrono::Duration::seconds(1));
    let accepted = post_form(&app, &fields).await;
    assert_eq!(accepted.0, 200, "{}", accepted.1);
    assert!(accepted.2.ends_with("/verifica-programare/trimis"));

    let replay = post_form(&app, &fields).await;
    assert_eq!(replay.0, 422, "a ticket is good once");
}

async fn difficulty_rises_with_the_requesters_rate_and_stays_bounded(app: TestApp) {
    use epasapoarte_domain::fair::pow::{MAX_NUMBER_CEILING, MAX_NUMBER_FLOOR};
    let first = app.challenge("lookup").await["maxnumber"].as_u64().unwrap();
    assert_eq!(first, MAX_NUMBER_FLOOR, "calm: the least work");
    let mut last = first;
    for _ in 0..80 {
        let next = app.challenge("lookup").await["maxnumber"].as_u64().unwrap();
        assert!(next >= last, "never easier while the rush goes on");
        last = next;
    }
    assert!(
        last > first,
        "a hasty requester on a busy form works harder"
    );
    assert!(last <= MAX_NUMBER_CEILING, "bounded: ~1 s on a phone");
    // A minute later the requester's count starts again (the form's load fades too).
    app.advance(chrono::Duration::seconds(61));
    let calm = app.challenge("lookup").await["maxnumber"].as_u64().unwrap();
    assert!(calm < last);
    // Harder under load, yet still solvable.
    let challenge = app.challenge("booking").await;
    let mut body = app.booking_body(1, 60).await;
    body["altcha"] = json!(pow::solve(&challenge));
    assert_eq!(
        app.post_as_is("/api/v1/bookings", &body).await.status(),
        201
    );
}

async fn challenges_are_counted_for_operators_and_the_public(app: TestApp) {
    let body = app.booking_body(1, 70).await;
    assert_eq!(
        app.post_as_is("/api/v1/bookings", &body).await.status(),
        403
    );
    assert_eq!(app.post("/api/v1/bookings", &body).await.status(), 201);

    let metrics = app.get("/metrics").await.text().await.unwrap();
    for outcome in ["issued", "accepted", "rejected"] {
        assert!(
            metrics.contains(&format!("epas_challenges_total{{outcome=\"{outcome}\"}} 1")),
            "{outcome} in\n{metrics}"
        );
    }
    let stats: Value = app.get("/api/v1/stats").await.json().await.unwrap();
    assert_eq!(stats["challenges_issued"], 1);
    assert_eq!(stats["challenges_rejected"], 1);
    let (_, page) = app.page("/statistici").await;
    assert!(page.contains("challenges-heading"));
}

/// `EPAS_RATE_LIMITS=off` (the load tests) turns the proof of work off too.
async fn without_rate_limits_no_solution_is_needed(db: TestDatabase) {
    let app = TestApp::launch(db)
        .config(|config| config.rate_limits = false)
        .start()
        .await;
    let body = app.booking_body(1, 80).await;
    assert_eq!(
        app.post_as_is("/api/v1/bookings", &body).await.status(),
        201
    );
    let (_, html) = app.page("/verifica-programare").await;
    assert!(!html.contains("<altcha-widget"), "no widget when it is off");
}

/// Posts the lookup form as is; the status, the body and the final path.
async fn post_form(app: &TestApp, fields: &[(&str, &str)]) -> (u16, String, String) {
    let response = app
        .client
        .post(app.url("/verifica-programare"))
        .form(fields)
        .send()
        .await
        .expect("POST");
    let status = response.status().as_u16();
    let path = response.url().path().to_owned();
    (status, response.text().await.unwrap(), path)
}

fn value_of(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    Some(html[start..].chars().take_while(|c| *c != '"').collect())
}
