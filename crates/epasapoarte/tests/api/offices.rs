//! J1 through the API: counties, offices, availability and the earliest free slot.

use serde_json::Value;

use super::support::TestApp;
use crate::on_both_backends;

on_both_backends!(
    counties_list_all_42_with_their_codes,
    offices_filter_by_county_and_unknown_counties_are_refused,
    availability_offers_only_slots_with_room_for_the_whole_family,
    availability_never_offers_past_slots_or_days_beyond_the_horizon,
    earliest_orders_offices_by_their_first_free_slot,
);

async fn counties_list_all_42_with_their_codes(app: TestApp) {
    let counties: Vec<Value> = app.get("/api/v1/counties").await.json().await.unwrap();
    assert_eq!(counties.len(), 42);
    assert!(
        counties
            .iter()
            .any(|c| c["code"] == "CJ" && c["name"] == "Cluj")
    );
    assert!(counties.iter().any(|c| c["code"] == "B"));
}

async fn offices_filter_by_county_and_unknown_counties_are_refused(app: TestApp) {
    let offices: Vec<Value> = app
        .get("/api/v1/offices?county=CJ")
        .await
        .json()
        .await
        .unwrap();
    assert!(!offices.is_empty());
    assert!(
        offices
            .iter()
            .all(|o| o["county"] == "CJ" && o["timezone"] == "Europe/Bucharest")
    );
    assert!(
        offices[0]["services"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "passport_electronic")
    );
    let response = app.get("/api/v1/offices?county=XX").await;
    assert_eq!(response.status(), 422);
    let missing = app.get("/api/v1/offices/999999").await;
    assert_eq!(missing.status(), 404);
    assert_eq!(
        app.get("/api/v1/offices/abc/availability").await.status(),
        404
    );
}

async fn availability_offers_only_slots_with_room_for_the_whole_family(app: TestApp) {
    let office = app.office_in("CJ").await["id"].as_i64().unwrap();
    // The first time of a day after today: a later time follows it in the same interval.
    let body = app.booking_body_after_today(1, 900).await;
    let (date, time) = (
        body["date"].as_str().unwrap().to_owned(),
        body["time"].as_str().unwrap().to_owned(),
    );
    let capacity = app.free_seats(office, &date, &time).await;
    // Fill the slot but one seat.
    for i in 0..u32::from(capacity - 1) {
        assert_eq!(
            app.book(&super::support::booking_at(
                office,
                &date,
                &time,
                1,
                900 + i
            ))
            .await
            .status(),
            201
        );
    }
    let url = |persons: u16| {
        format!(
            "/api/v1/offices/{office}/availability?service=passport_electronic&persons={persons}&from={date}&to={date}"
        )
    };
    let at_time = |body: &Value| {
        body["days"][0]["slots"]
            .as_array()
            .and_then(|s| s.iter().find(|s| s["time"] == time.as_str()).cloned())
    };
    let for_one: Value = app.get(&url(1)).await.json().await.unwrap();
    let one = at_time(&for_one).expect("one seat is left for one person");
    assert_eq!(
        (one["free"].as_u64(), one["slots"].as_u64()),
        (Some(1), Some(1))
    );
    // A family of two takes the last seat and one of the next time (issue 12): offered,
    // saying over how many slots, with the free seats of both.
    let for_two: Value = app.get(&url(2)).await.json().await.unwrap();
    let two = at_time(&for_two).expect("offered to a family of two over two slots");
    assert_eq!(two["slots"], 2);
    assert_eq!(two["free"].as_u64(), Some(1 + u64::from(capacity)));
    // The last seat taken, the time is offered to nobody.
    let last = super::support::booking_at(office, &date, &time, 1, 990);
    assert_eq!(app.book(&last).await.status(), 201);
    for persons in [1, 2] {
        let body: Value = app.get(&url(persons)).await.json().await.unwrap();
        assert!(at_time(&body).is_none(), "a full time for {persons}");
    }
}

async fn availability_never_offers_past_slots_or_days_beyond_the_horizon(app: TestApp) {
    let office = app.office_in("CJ").await["id"].as_i64().unwrap();
    let body: Value = app
        .get(&format!("/api/v1/offices/{office}/availability?persons=1"))
        .await
        .json()
        .await
        .unwrap();
    let now = app.now();
    let today = now
        .with_timezone(&chrono_tz::Europe::Bucharest)
        .date_naive();
    let last = today + chrono::Duration::days(90);
    for day in body["days"].as_array().unwrap() {
        let date: chrono::NaiveDate = day["date"].as_str().unwrap().parse().unwrap();
        assert!(
            date >= today && date <= last,
            "{date} outside the 90-day window"
        );
        assert!(
            !epasapoarte_domain::calendar::is_public_holiday(date),
            "{date} is a public holiday"
        );
        if date == today {
            let now_local = now.with_timezone(&chrono_tz::Europe::Bucharest).time();
            for slot in day["slots"].as_array().unwrap() {
                let time =
                    chrono::NaiveTime::parse_from_str(slot["time"].as_str().unwrap(), "%H:%M")
                        .unwrap();
                assert!(time > now_local, "a past slot is offered");
            }
        }
    }
    assert!(
        body["days"].as_array().unwrap().len() > 40,
        "about 60 working days are open"
    );
}

async fn earliest_orders_offices_by_their_first_free_slot(app: TestApp) {
    let all: Vec<Value> = app
        .get("/api/v1/earliest?service=passport_electronic&persons=2")
        .await
        .json()
        .await
        .unwrap();
    assert!(all.len() >= 4);
    let keys: Vec<(String, String)> = all
        .iter()
        .map(|e| {
            (
                e["date"].as_str().unwrap().to_owned(),
                e["time"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "ordered by first free slot");
    let cluj: Vec<Value> = app
        .get("/api/v1/earliest?persons=1&county=CJ")
        .await
        .json()
        .await
        .unwrap();
    assert!(!cluj.is_empty() && cluj.iter().all(|e| e["county"] == "CJ"));
    assert_eq!(app.get("/api/v1/earliest?persons=99").await.status(), 422);
    // Issue 12: one more than the largest family any office takes is refused, naming
    // `persons` with the maximum's own message; 0 is no number of persons.
    let offices: Vec<serde_json::Value> = app.get("/api/v1/offices").await.json().await.unwrap();
    let largest = offices
        .iter()
        .map(|o| o["max_persons"].as_u64().unwrap())
        .max()
        .unwrap();
    let at_most = app
        .get(&format!("/api/v1/earliest?persons={largest}"))
        .await;
    assert_eq!(at_most.status(), 200);
    for (persons, code) in [(largest + 1, "too_many_persons"), (0, "invalid_number")] {
        let refused = app
            .get(&format!("/api/v1/earliest?persons={persons}"))
            .await;
        assert_eq!(refused.status(), 422);
        let body: serde_json::Value = refused.json().await.unwrap();
        assert_eq!(body["error"]["code"], "validation");
        let message = body["error"]["fields"]["persons"]
            .as_str()
            .unwrap_or_default();
        let expected = epasapoarte::i18n::Lang::En.t(&format!("field.{code}"));
        assert_eq!(message, expected, "{persons}: {body}");
    }
    assert_eq!(app.get("/api/v1/earliest?county=ZZ").await.status(), 422);
}
