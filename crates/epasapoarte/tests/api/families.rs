//! Issue 12 point 1: a family larger than one slot's free seats is seated over consecutive
//! slots of the same opening interval (Alba has 3 counters, the test family 5 persons),
//! on both backends: availability tells the truth, the seats are taken exactly, and every
//! way out (cancel, expiry, replacing) gives all of them back.

use epasapoarte::ids::BookingId;
use epasapoarte::staff::{Actor, AuditEvent};
use epasapoarte_domain::booking::BookingEvent;
use serde_json::{Value, json};

use super::support::{TestApp, booking_at};
use crate::on_both_backends;

on_both_backends!(
    a_family_of_five_books_at_a_three_counter_office,
    a_spread_family_expires_or_is_replaced_and_every_seat_returns,
    families_racing_for_the_same_times_never_overbook,
    a_spread_familys_no_show_frees_every_seat_and_its_undo_takes_them_back,
);

/// Alba's id, a day after today with every slot free, and that day's times in order.
async fn empty_day(app: &TestApp) -> (i64, String, Vec<String>) {
    let office = app.office_in("AB").await["id"].as_i64().unwrap();
    let body: Value = app
        .get(&format!(
            "/api/v1/offices/{office}/availability?service=passport_electronic&persons=1"
        ))
        .await
        .json()
        .await
        .unwrap();
    let today = app.state.service.today_in_romania().to_string();
    let day = body["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"].as_str().unwrap() > today.as_str())
        .expect("a day after today")
        .clone();
    let times = day["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["time"].as_str().unwrap().to_owned())
        .collect();
    (office, day["date"].as_str().unwrap().to_owned(), times)
}

async fn free_at(app: &TestApp, office: i64, date: &str, times: &[String]) -> Vec<u16> {
    let mut free = Vec::new();
    for time in times {
        free.push(app.free_seats(office, date, time).await);
    }
    free
}

async fn a_family_of_five_books_at_a_three_counter_office(app: TestApp) {
    let (office, date, times) = empty_day(&app).await;
    let first = &times[..4];
    assert_eq!(free_at(&app, office, &date, first).await, [3, 3, 3, 3]);

    // The API offers the family the day's times, each over two consecutive slots.
    let offered: Value = app
        .get(&format!(
            "/api/v1/offices/{office}/availability?service=passport_electronic&persons=5&from={date}&to={date}"
        ))
        .await
        .json()
        .await
        .unwrap();
    let slots = offered["days"][0]["slots"].as_array().unwrap();
    assert_eq!(slots[0]["time"], times[0].as_str());
    assert_eq!(slots[0]["slots"], 2);
    assert_eq!(slots[0]["free"], 6, "the free seats of the two slots");
    // The day's last time cannot seat five: the interval ends.
    assert_eq!(slots.len(), times.len() - 1);

    let body = booking_at(office, &date, &times[0], 5, 7100);
    let response = app.book(&body).await;
    assert_eq!(response.status(), 201);
    assert_eq!(
        free_at(&app, office, &date, first).await,
        [0, 1, 3, 3],
        "3 + 2 seats, in order"
    );
    // A family of 2 can no longer start at the full first time, but at the second it
    // spreads over the second and the third.
    let late = booking_at(office, &date, &times[0], 2, 7200);
    assert_eq!(app.book(&late).await.status(), 409);
    let spread = booking_at(office, &date, &times[1], 2, 7300);
    assert_eq!(app.book(&spread).await.status(), 201);
    assert_eq!(free_at(&app, office, &date, first).await, [0, 0, 2, 3]);

    // The family of five confirms, then cancels: every seat of it comes back.
    let mails = app.deliver().await;
    let marker = "/programare/confirma/";
    let token = mails
        .iter()
        .find_map(|m| {
            let start = m.text.find(marker)? + marker.len();
            Some(
                m.text[start..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect::<String>(),
            )
        })
        .expect("the family of five's confirm link (the first e-mail)");
    let confirmed = app
        .post("/api/v1/bookings/confirm", &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    let cancel = app.token_from_last_mail("anuleaza").await;
    let cancelled = app
        .post("/api/v1/bookings/cancel", &json!({"token": cancel}))
        .await;
    assert_eq!(cancelled.status(), 200);
    assert_eq!(free_at(&app, office, &date, first).await, [3, 2, 2, 3]);
}

async fn a_spread_family_expires_or_is_replaced_and_every_seat_returns(app: TestApp) {
    let (office, date, times) = empty_day(&app).await;
    let first = &times[..3];
    // Booked, then booked again by the same family with a corrected e-mail: the first
    // booking is replaced and its seats in both slots return before the new take.
    let body = booking_at(office, &date, &times[0], 5, 7400);
    assert_eq!(app.book(&body).await.status(), 201);
    assert_eq!(free_at(&app, office, &date, first).await, [0, 1, 3]);
    let mut corrected = body.clone();
    corrected["applicant"]["email"] = json!("ana.corectat@example.ro");
    assert_eq!(app.book(&corrected).await.status(), 201);
    assert_eq!(free_at(&app, office, &date, first).await, [0, 1, 3]);
    // Only the second booking's confirmation request goes out: the first is replaced.
    let requests = app
        .deliver()
        .await
        .iter()
        .filter(|mail| mail.text.contains("/programare/confirma/"))
        .count();
    assert_eq!(requests, 1, "no confirm link for the replaced booking");

    // Never confirmed: it expires, and all five seats return.
    app.clock.advance(chrono::Duration::minutes(31));
    assert_eq!(app.expire().await, 1);
    assert_eq!(free_at(&app, office, &date, first).await, [3, 3, 3]);
}

async fn families_racing_for_the_same_times_never_overbook(app: TestApp) {
    let (office, date, times) = empty_day(&app).await;
    let window = &times[..10];
    let capacity = free_at(&app, office, &date, &times[..1]).await[0];
    // Five families of 3 to 5 at the first two times at once.
    let mut bodies = Vec::new();
    for (i, persons) in [5_u16, 4, 3, 5, 4].into_iter().enumerate() {
        let time = &times[i % 2];
        let mut body = booking_at(office, &date, time, persons, 7500 + 10 * i as u32);
        if let Some(solution) = app.solution_for("/api/v1/bookings").await {
            body["altcha"] = json!(solution);
        }
        bodies.push((body, persons));
    }
    let mut racing = Vec::new();
    for (body, persons) in bodies {
        let client = app.client.clone();
        let url = app.url("/api/v1/bookings");
        racing.push(tokio::spawn(async move {
            let response = client.post(url).json(&body).send().await.unwrap();
            (response.status().as_u16(), persons)
        }));
    }
    let mut seated = 0;
    for race in racing {
        let (status, persons) = race.await.unwrap();
        assert!(status == 201 || status == 409, "status {status}");
        if status == 201 {
            seated += persons;
        }
    }
    let free = free_at(&app, office, &date, window).await;
    let taken: u16 = free.iter().map(|f| capacity - f).sum();
    assert_eq!(taken, seated, "seats taken = persons booked ({free:?})");
    assert!(
        seated >= 3,
        "at least one family got in (the smallest has 3 persons)"
    );
}

async fn a_spread_familys_no_show_frees_every_seat_and_its_undo_takes_them_back(app: TestApp) {
    let (office, date, times) = empty_day(&app).await;
    let first = &times[..2];
    let created: Value = app
        .book(&booking_at(office, &date, &times[0], 5, 7600))
        .await
        .json()
        .await
        .unwrap();
    let id = BookingId(created["id"].as_str().unwrap().to_owned());
    let token = app.token_from_last_mail("confirma").await;
    let confirmed = app
        .post("/api/v1/bookings/confirm", &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    assert_eq!(free_at(&app, office, &date, first).await, [0, 1]);

    // Nobody came: marked after the grace time, all five seats are free again.
    let service = &app.state.service;
    let record = service.store.booking(&id).await.unwrap().unwrap();
    app.clock
        .set(record.starts_at + chrono::Duration::minutes(20));
    let audit = AuditEvent::new(Actor::System, "booking.no_show").target(format!("booking:{id}"));
    service
        .move_booking_by_staff(&id, BookingEvent::MarkNoShow, None, audit)
        .await
        .unwrap();
    assert_eq!(free_at(&app, office, &date, first).await, [3, 3]);

    // Undone the same day: the family's seats in both slots are taken again.
    let audit = AuditEvent::new(Actor::System, "booking.no_show_undone");
    service.undo_no_show(&id, audit).await.unwrap();
    assert_eq!(free_at(&app, office, &date, first).await, [0, 1]);
}
