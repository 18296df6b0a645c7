//! Slot planning keeps the day still to be drawn away from the public; once drawn, its
//! leftover seats open to everyone at once. With draws off, the day opens as before.

use std::sync::Arc;

use chrono::NaiveDate;
use epasapoarte::ids::OfficeId;
use epasapoarte::jobs;
use epasapoarte::service::BookingService;

use super::support::{DrawApp, entry};
use crate::on_both_backends;

on_both_backends!(planning_holds_the_undrawn_day_back_until_its_draw);

async fn slots_on(service: &BookingService, office: i64, date: NaiveDate) -> (usize, u32) {
    let now = service.now();
    let slots = service
        .store
        .slots(OfficeId(office), now, now + chrono::Duration::days(120))
        .await
        .unwrap();
    let day: Vec<_> = slots.iter().filter(|s| s.date == date).collect();
    (day.len(), day.iter().map(|s| u32::from(s.free())).sum())
}

async fn planning_holds_the_undrawn_day_back_until_its_draw(app: DrawApp) {
    let cluj = app.office_id("CJ").await;
    app.enter_confirmed(&entry(&[cluj], 2, 700, "any")).await;
    let (date, at) = app.open_draw().await;
    let service = &app.state.service;
    // Two minutes before the draw the day is inside the window, but not public.
    app.clock.set(at - chrono::Duration::minutes(2));

    service.plan_public_slots().await.unwrap();

    assert_eq!(
        slots_on(service, cluj, date).await.0,
        0,
        "the undrawn day is not planned"
    );
    let mut old = (*service.config).clone();
    old.fair.draw = false;
    let fcfs = BookingService::new(
        service.store.clone(),
        service.crypto.clone(),
        service.clock.clone(),
        Arc::new(old),
        service.metrics.clone(),
    );
    assert_eq!(
        fcfs.public_gate().await.unwrap(),
        None,
        "EPAS_DRAW=off: nothing held back"
    );

    app.clock.set(at + chrono::Duration::seconds(1));
    jobs::draw_once(service).await.unwrap();

    let (slots, free) = slots_on(service, cluj, date).await;
    assert!(slots > 0, "the drawn day is planned");
    assert!(free > 0, "its leftover seats are public at once");
    let body: serde_json::Value = app
        .get(&format!(
            "/api/v1/offices/{cluj}/availability?service=passport_electronic&persons=1&from={date}&to={date}"
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["days"][0]["date"], date.to_string(), "{body}");
}
