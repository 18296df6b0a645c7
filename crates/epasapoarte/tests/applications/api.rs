//! The applications API end to end: the public lookup (both ways, one 404 for every
//! miss, rate-limited), and the bearer-token status moves of the production centre.

use serde_json::{Value, json};

use super::helpers::{adult, get_status, office, post_status, registered, staff, token, walk_in};
use crate::api::support::TestApp;
use crate::on_both_backends;

on_both_backends!(
    an_application_moves_from_submitted_to_handed_over_and_the_citizen_is_told_when_ready,
    the_public_lookup_works_by_number_and_by_last_nine_digits_and_date,
    every_miss_gets_the_same_404_and_malformed_questions_a_422,
    a_status_move_needs_a_valid_unrevoked_bearer_token,
    illegal_moves_unknown_numbers_and_bad_bodies_are_refused_clearly,
    a_courier_shipment_emails_the_citizen,
    only_a_ready_electronic_passport_is_shipped_without_a_courier_chosen_at_the_counter,
);

async fn an_application_moves_from_submitted_to_handed_over_and_the_citizen_is_told_when_ready(
    app: TestApp,
) {
    let application = registered(&app, 1).await;
    let number = application.number.to_string();
    let pcp = token(&app, "pcp").await;
    let before = app.deliver().await.len();

    let mut answers = Vec::new();
    for status in ["in_production", "ready"] {
        let response = post_status(&app, &number, Some(&pcp), &json!({"status": status})).await;
        answers.push((
            response.status().as_u16(),
            response.json::<Value>().await.unwrap(),
        ));
    }
    let mails = app.deliver().await;
    let (_, while_ready) = get_status(&app, &format!("number={number}")).await;
    let repeat = post_status(&app, &number, Some(&pcp), &json!({"status": "ready"})).await;
    let handed = post_status(&app, &number, Some(&pcp), &json!({"status": "handed_over"})).await;
    let (_, after) = get_status(&app, &format!("number={number}")).await;

    assert_eq!(
        answers[0],
        (200, json!({"number": number, "status": "in_production"}))
    );
    assert_eq!(
        answers[1],
        (200, json!({"number": number, "status": "ready"}))
    );
    assert_eq!(mails.len(), before + 1, "one e-mail: ready");
    let mail = mails.last().unwrap();
    assert_eq!(mail.to, "maria.ionescu@example.ro");
    assert_eq!(
        mail.subject,
        "Pașaportul dumneavoastră este gata de ridicare"
    );
    assert!(mail.text.contains(&number), "{}", mail.text);
    assert_eq!(while_ready["status"], "ready");
    let pickup = while_ready["pickup"]
        .as_str()
        .expect("the pickup place while ready");
    assert!(pickup.contains("Cluj"), "{pickup}");
    assert!(
        mail.text.contains(pickup),
        "the e-mail names the same place"
    );
    assert_eq!(repeat.status(), 200, "asking again is harmless");
    assert_eq!(handed.status(), 200);
    assert_eq!(
        after,
        json!({"status": "handed_over"}),
        "no pickup once collected"
    );
    assert_eq!(app.deliver().await.len(), before + 1, "no other e-mail");
    let view = app
        .state
        .service
        .application(&application.number)
        .await
        .unwrap()
        .unwrap();
    let actors: Vec<_> = view.history.iter().map(|e| e.actor.as_str()).collect();
    assert_eq!(actors, ["clerk.ana", "token:pcp", "token:pcp", "token:pcp"]);
}

async fn the_public_lookup_works_by_number_and_by_last_nine_digits_and_date(app: TestApp) {
    let application = registered(&app, 2).await;
    let cnp = super::helpers::adult(2);
    let date = application.submitted_on;

    let (by_number, first) = get_status(
        &app,
        &format!("number={}", application.number.to_string().to_lowercase()),
    )
    .await;
    let (by_digits, second) = get_status(
        &app,
        &format!("cnp_last9={}&submitted_on={date}", &cnp[4..]),
    )
    .await;

    assert_eq!((by_number, by_digits), (200, 200));
    assert_eq!(first, json!({"status": "submitted"}));
    assert_eq!(second, first);
}

async fn every_miss_gets_the_same_404_and_malformed_questions_a_422(app: TestApp) {
    let application = registered(&app, 3).await;
    let cnp = super::helpers::adult(3);
    let date = application.submitted_on;
    let printed = application.number.to_string();
    let unknown = epasapoarte_domain::application::ApplicationNumber::new(
        "CJ",
        application.number.year().into(),
        999_999,
    )
    .unwrap();
    let wrong_letter = format!(
        "{}{}",
        &printed[..printed.len() - 1],
        if printed.ends_with('A') { 'B' } else { 'A' }
    );
    let misses = [
        format!("number={unknown}"),
        format!("number={wrong_letter}"),
        "number=nu-exista".to_owned(),
        format!(
            "cnp_last9={}&submitted_on={}",
            &cnp[4..],
            date - chrono::Days::new(1)
        ),
        format!(
            "cnp_last9={}&submitted_on={date}",
            &super::helpers::adult(4)[4..]
        ),
    ];

    let mut bodies = Vec::new();
    for query in &misses {
        let response = app
            .get(&format!("/api/v1/applications/status?{query}"))
            .await;
        assert_eq!(response.status(), 404, "{query}");
        bodies.push(response.text().await.unwrap());
    }
    assert!(
        bodies.windows(2).all(|w| w[0] == w[1]),
        "identical bodies: {bodies:?}"
    );
    for malformed in [
        "",
        "cnp_last9=12345&submitted_on=2026-01-01",
        "cnp_last9=123456789",
        "number=x&cnp_last9=123456789&submitted_on=2026-01-01",
        "cnp_last9=123456789&submitted_on=ieri",
    ] {
        let (status, body) = get_status(&app, malformed).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (422, Some("validation")),
            "{malformed}"
        );
    }
}

async fn a_status_move_needs_a_valid_unrevoked_bearer_token(app: TestApp) {
    let number = registered(&app, 5).await.number.to_string();
    let good = token(&app, "pcp").await;
    let body = json!({"status": "in_production"});

    let none = post_status(&app, &number, None, &body).await;
    let forged = post_status(
        &app,
        &number,
        Some("epas_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        &body,
    )
    .await;
    let garbage = post_status(&app, &number, Some("not a token"), &body).await;
    let store = app.state.service.store.clone();
    store
        .revoke_api_token("pcp", app.now(), None)
        .await
        .unwrap();
    let revoked = post_status(&app, &number, Some(&good), &body).await;

    assert_eq!(none.status(), 401);
    assert_eq!(
        none.headers()["www-authenticate"],
        "Bearer realm=\"epasapoarte\""
    );
    assert_eq!(forged.status(), 401);
    assert!(
        forged.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("invalid_token")
    );
    assert_eq!(garbage.status(), 401);
    assert_eq!(
        none.json::<Value>().await.unwrap()["error"]["code"],
        "unauthorized"
    );
    assert_eq!(revoked.status(), 403);
    assert_eq!(
        revoked.json::<Value>().await.unwrap()["error"]["code"],
        "token_revoked"
    );
    let (_, status) = get_status(&app, &format!("number={number}")).await;
    assert_eq!(status["status"], "submitted", "nothing moved");
}

async fn illegal_moves_unknown_numbers_and_bad_bodies_are_refused_clearly(app: TestApp) {
    let number = registered(&app, 6).await.number.to_string();
    let pcp = token(&app, "pcp").await;
    let pcp = Some(pcp.as_str());

    let skip = post_status(&app, &number, pcp, &json!({"status": "handed_over"})).await;
    let unknown = post_status(&app, "CJ-2026-999999-A", pcp, &json!({"status": "ready"})).await;
    let nonsense = post_status(&app, "nu-exista", pcp, &json!({"status": "ready"})).await;
    let no_reason = post_status(&app, &number, pcp, &json!({"status": "rejected"})).await;
    let no_such_status = post_status(&app, &number, pcp, &json!({"status": "lost"})).await;
    let extra_field = post_status(
        &app,
        &number,
        pcp,
        &json!({"status": "in_production", "by": "me"}),
    )
    .await;
    let rejected = post_status(
        &app,
        &number,
        pcp,
        &json!({"status": "rejected", "reason": "Fotografie neconformă"}),
    )
    .await;

    assert_eq!(skip.status(), 409);
    let skip: Value = skip.json().await.unwrap();
    assert_eq!(skip["error"]["code"], "illegal_transition");
    assert!(
        skip["error"]["message"]
            .as_str()
            .unwrap()
            .contains("submitted cannot become handed_over")
    );
    assert_eq!(
        (unknown.status().as_u16(), nonsense.status().as_u16()),
        (404, 404)
    );
    assert_eq!(no_reason.status(), 422);
    assert!(no_reason.json::<Value>().await.unwrap()["error"]["fields"]["reason"].is_string());
    assert_eq!(no_such_status.status(), 422);
    assert_eq!(extra_field.status(), 422);
    assert_eq!(rejected.status(), 200);
    let (_, status) = get_status(&app, &format!("number={number}")).await;
    assert_eq!(status, json!({"status": "rejected"}));
}

async fn a_courier_shipment_emails_the_citizen(app: TestApp) {
    let number = registered_by_courier(&app, 7).await;
    let pcp = token(&app, "pcp").await;
    let before = app.deliver().await.len();

    let moved = post_status(
        &app,
        &number,
        Some(&pcp),
        &json!({"status": "in_production"}),
    )
    .await;
    assert_eq!(moved.status(), 200);
    // A courier passport goes from the production centre to the address: it is never
    // "ready for collection" (that e-mail would send the holder to an office for nothing).
    let ready = post_status(&app, &number, Some(&pcp), &json!({"status": "ready"})).await;
    assert_eq!(ready.status(), 409);
    assert_eq!(
        ready.json::<Value>().await.unwrap()["error"]["code"],
        "illegal_transition"
    );
    let shipped = post_status(&app, &number, Some(&pcp), &json!({"status": "shipped"})).await;
    assert_eq!(shipped.status(), 200);

    let mails = app.deliver().await;
    assert_eq!(mails.len(), before + 1);
    let mail = mails.last().unwrap();
    assert_eq!(
        mail.subject,
        "Pașaportul dumneavoastră a fost expediat prin curier"
    );
    assert!(mail.text.contains(&number));
}

/// Registers an adult walk-in at the first office of Cluj with courier delivery; returns
/// its number.
async fn registered_by_courier(app: &TestApp, serial: u16) -> String {
    let mut request = walk_in(office(app, "CJ").await, &adult(serial), "258");
    request.courier = true;
    request.courier_address = Some(epasapoarte::service::applications::CourierAddress {
        street: "Str. Memorandumului nr. 21, ap. 3".into(),
        locality: "Cluj-Napoca".into(),
        county: "CJ".into(),
        postal_code: "400114".into(),
    });
    app.state
        .service
        .register_application(&request, &staff("clerk.ana"))
        .await
        .expect("registered")
        .number
        .to_string()
}

/// Issue 12: a temporary passport is never `shipped` (it goes by no courier), and an
/// electronic one without a courier chosen at the counter is shipped only once it is
/// ready at the office (a courier asked for later).
async fn only_a_ready_electronic_passport_is_shipped_without_a_courier_chosen_at_the_counter(
    app: TestApp,
) {
    let pcp = token(&app, "pcp").await;
    let mut request = walk_in(office(&app, "CJ").await, &adult(8), "96");
    request.passport_type = "passport_temporary".into();
    let temporary = app
        .state
        .service
        .register_application(&request, &staff("clerk.ana"))
        .await
        .expect("registered")
        .number
        .to_string();
    let electronic = registered(&app, 9).await.number.to_string();
    let mut codes = Vec::new();
    for number in [&temporary, &electronic] {
        let moved = post_status(
            &app,
            number,
            Some(&pcp),
            &json!({"status": "in_production"}),
        )
        .await;
        assert_eq!(moved.status(), 200);
        let early = post_status(&app, number, Some(&pcp), &json!({"status": "shipped"})).await;
        codes.push(early.status().as_u16());
        let ready = post_status(&app, number, Some(&pcp), &json!({"status": "ready"})).await;
        assert_eq!(ready.status(), 200);
    }
    let temporary_shipped =
        post_status(&app, &temporary, Some(&pcp), &json!({"status": "shipped"})).await;
    let electronic_shipped =
        post_status(&app, &electronic, Some(&pcp), &json!({"status": "shipped"})).await;

    assert_eq!(codes, [409, 409]);
    assert_eq!(temporary_shipped.status(), 409);
    assert_eq!(
        temporary_shipped.json::<Value>().await.unwrap()["error"]["code"],
        "illegal_transition"
    );
    assert_eq!(electronic_shipped.status(), 200);
    let (_, status) = get_status(&app, &format!("number={temporary}")).await;
    assert_eq!(status["status"], "ready");
}
