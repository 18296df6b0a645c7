//! Running the draw: once however many instances try, in the order anyone can replay from
//! the published seed, families seated together in their part of the day, losers who asked
//! for it on the waitlist, and `epasapoarte draw run`.

use std::process::Command;
use std::sync::Arc;

use epasapoarte::crypto::Crypto;
use epasapoarte::jobs;
use epasapoarte::metrics::Metrics;
use epasapoarte::service::BookingService;
use epasapoarte::store::DrawRun;
use epasapoarte::testing::{TestDatabase, test_secret_key};
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::support::{DrawApp, entry};
use crate::on_both_backends;

on_both_backends!(
    the_draw_seats_families_together_in_their_part_of_day,
    the_draw_seats_a_family_larger_than_a_slot_over_consecutive_slots,
    hundreds_of_losers_are_recorded_in_sets,
    the_draw_runs_once_under_concurrent_attempts,
    replaying_the_published_seed_gives_the_winner_order,
);

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn the_draw_seats_families_together_in_their_part_of_day(app: DrawApp) {
    let cluj = app.office_id("CJ").await;
    let (date, _) = app.open_draw().await;
    let times = app.times(cluj, date).await;
    let morning = times.first().unwrap().clone();
    let afternoon = times
        .iter()
        .find(|t| t.as_str() >= "12:00")
        .unwrap()
        .clone();
    app.plan_day(date, |county, time| match county {
        "CJ" if time == morning => 2,
        "CJ" if time == afternoon => 3,
        _ => 0,
    })
    .await;
    let family = app
        .enter_confirmed(&entry(&[cluj], 3, 100, "afternoon"))
        .await;
    let mut two = entry(&[cluj], 2, 110, "morning");
    two["wants_waitlist"] = Value::Bool(true);
    let two = app.enter_confirmed(&two).await;
    let mut one = entry(&[cluj], 1, 120, "morning");
    one["wants_waitlist"] = Value::Bool(true);
    let one = app.enter_confirmed(&one).await;

    app.run_draw().await;

    let db = app.sql().await;
    let seated = sqlx::query(
        "SELECT e.id, s.time, b.persons, b.status, b.origin FROM draw_entries e
         JOIN bookings b ON b.id = e.booking_id JOIN slots s ON s.id = b.slot_id
         WHERE e.status = 'won'",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    let seat_of = |id: &str| {
        seated
            .iter()
            .find(|row| row.get::<String, _>("id") == id)
            .map(|row| (row.get::<String, _>("time"), row.get::<i64, _>("persons")))
    };
    assert_eq!(
        seat_of(&family),
        Some((afternoon.clone(), 3)),
        "the family sits together"
    );
    for row in &seated {
        assert_eq!(row.get::<String, _>("status"), "confirmed");
        assert_eq!(row.get::<String, _>("origin"), "draw");
    }
    // The morning's 2 seats go to whichever of the two came first in the draw.
    let (winner, loser) = match (seat_of(&two), seat_of(&one)) {
        (Some(seat), None) => {
            assert_eq!(seat, (morning.clone(), 2));
            (two, one)
        }
        (None, Some(seat)) => {
            assert_eq!(seat, (morning.clone(), 1));
            (one, two)
        }
        other => panic!("exactly one morning winner, got {other:?}"),
    };
    let _ = winner;
    let waiting = sqlx::query(
        "SELECT w.status, w.date_from, w.date_to, w.persons, w.waiting_since FROM waitlist_entries w",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(waiting.len(), 1, "the loser who asked is on the waitlist");
    assert_eq!(waiting[0].get::<String, _>("status"), "waiting");
    assert_eq!(waiting[0].get::<String, _>("date_from"), date.to_string());
    let until = date + chrono::Days::new(30);
    assert_eq!(waiting[0].get::<String, _>("date_to"), until.to_string());
    let lost: String = sqlx::query_scalar("SELECT status FROM draw_entries WHERE id = $1")
        .bind(&loser)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(lost, "lost");
    db.close().await;

    let mails = app.deliver().await;
    let confirmations = mails.iter().filter(|m| m.ics.is_some()).count();
    assert_eq!(
        confirmations, 2,
        "each winner gets the confirmed-booking e-mail"
    );
    assert!(
        mails
            .iter()
            .any(|m| m.subject.contains("tragerii la sorți") && m.text.contains(&loser)),
        "the loser is told, with the entry id"
    );
}

/// Issue 12: with 2 seats per slot, a family of five wins 2 + 2 + 1 seats over three
/// consecutive times and comes at the first; the seats in the later slots are recorded
/// as the booking's (what every release gives back).
async fn the_draw_seats_a_family_larger_than_a_slot_over_consecutive_slots(app: DrawApp) {
    let cluj = app.office_id("CJ").await;
    let (date, _) = app.open_draw().await;
    let times = app.times(cluj, date).await;
    let run = times[..3].to_vec();
    app.plan_day(date, |county, time| match county {
        "CJ" if run.iter().any(|t| t == time) => 2,
        _ => 0,
    })
    .await;
    let family = app.enter_confirmed(&entry(&[cluj], 5, 300, "any")).await;
    app.run_draw().await;

    let db = app.sql().await;
    let won: (String, String) = sqlx::query_as(
        "SELECT e.status, s.time FROM draw_entries e
         JOIN bookings b ON b.id = e.booking_id JOIN slots s ON s.id = b.slot_id WHERE e.id = $1",
    )
    .bind(&family)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(
        won,
        ("won".to_owned(), times[0].clone()),
        "it comes at the first time"
    );
    let taken: Vec<i64> = sqlx::query_scalar(
        "SELECT taken FROM slots WHERE office_id = $1 AND date = $2 ORDER BY time LIMIT 4",
    )
    .bind(cluj)
    .bind(date.to_string())
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(taken, [2, 2, 1, 0], "2 + 2 + 1 seats over three times");
    let later: Vec<i64> = sqlx::query_scalar(
        "SELECT o.seats FROM booking_overflow o JOIN draw_entries e ON e.booking_id = o.booking_id
         WHERE e.id = $1 ORDER BY o.slot_id",
    )
    .bind(&family)
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(
        later,
        [2, 1],
        "the seats in the later slots are the booking's"
    );
    db.close().await;
}

/// More losers than one set of the store's set-based writes (200): every one is marked
/// lost, waitlisted with its person, and told.
async fn hundreds_of_losers_are_recorded_in_sets(app: DrawApp) {
    // Arrange: one seat in the whole day, 210 single-person entries asking for the list.
    let cluj = app.office_id("CJ").await;
    let (date, _) = app.open_draw().await;
    let first = app.times(cluj, date).await.first().unwrap().clone();
    app.plan_day(date, |county, time| {
        u16::from(county == "CJ" && time == first)
    })
    .await;
    let mut ids = Vec::new();
    for i in 0..210 {
        let mut body = entry(&[cluj], 1, 2000 + i, "any");
        body["wants_waitlist"] = Value::Bool(true);
        ids.push(app.enter_confirmed(&body).await);
    }

    // Act
    app.run_draw().await;

    // Assert
    let db = app.sql().await;
    let count = |sql: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        count("SELECT count(*) FROM draw_entries WHERE status = 'won'").await,
        1
    );
    assert_eq!(
        count("SELECT count(*) FROM draw_entries WHERE status = 'lost'").await,
        209
    );
    assert_eq!(
        count("SELECT count(*) FROM waitlist_entries WHERE status = 'waiting'").await,
        209
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM waitlist_persons w JOIN waitlist_entries e ON e.id = w.entry_id
             JOIN draw_entry_persons d ON d.cnp_hash = w.cnp_hash
             JOIN draw_entries x ON x.id = d.entry_id AND x.status = 'lost'
             WHERE w.active = true AND w.position = 1"
        )
        .await,
        209,
        "each place holds its loser's person"
    );
    db.close().await;
    let mails = app.deliver().await;
    let told = ids
        .iter()
        .filter(|id| {
            mails
                .iter()
                .any(|m| m.subject.contains("tragerii la sorți") && m.text.contains(id.as_str()))
        })
        .count();
    assert_eq!(told, 209, "every loser is told");
}

async fn the_draw_runs_once_under_concurrent_attempts(app: DrawApp) {
    let cluj = app.office_id("CJ").await;
    for n in 0..6 {
        app.enter_confirmed(&entry(&[cluj], 1, 200 + n * 2, "any"))
            .await;
    }
    let (date, at) = app.open_draw().await;
    app.clock.set(at + chrono::Duration::seconds(1));
    // A second instance: its own pools on the same database.
    let first = &app.state.service;
    let store = epasapoarte::store::connect(first.config.database_url.expose())
        .await
        .unwrap();
    let second = BookingService::new(
        store,
        Crypto::new(&test_secret_key()),
        first.clock.clone(),
        first.config.clone(),
        Arc::new(Metrics::default()),
    );
    let draw = first.store.draw(date).await.unwrap().unwrap();

    let (a, b, c) = tokio::join!(
        first.run_draw(&draw),
        second.run_draw(&draw),
        jobs::draw_once(&second),
    );

    let ran = [a.unwrap(), b.unwrap()]
        .iter()
        .filter(|run| **run == DrawRun::Ran)
        .count()
        + c.unwrap();
    assert_eq!(ran, 1, "exactly one attempt ran the draw");
    assert_eq!(first.run_draw(&draw).await.unwrap(), DrawRun::AlreadyRan);
    let db = app.sql().await;
    let bookings: i64 = sqlx::query_scalar("SELECT count(*) FROM bookings WHERE origin = 'draw'")
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    assert_eq!(bookings, 6, "six winners, each seated once");
    let stored = first.store.draw(date).await.unwrap().unwrap();
    assert_eq!(stored.winners, Some(6));
    assert_eq!(stored.entries, Some(6));
}

async fn replaying_the_published_seed_gives_the_winner_order(app: DrawApp) {
    let cluj = app.office_id("CJ").await;
    let (date, _) = app.open_draw().await;
    let first_time = app.times(cluj, date).await[0].clone();
    // Three seats in all: three of the eight entries win, the first three drawn.
    app.plan_day(date, |county, time| {
        u16::from(county == "CJ" && time == first_time) * 3
    })
    .await;
    for n in 0..8 {
        app.enter_confirmed(&entry(&[cluj], 1, 300 + n * 2, "any"))
            .await;
    }
    let published = app.overview().await["seed_sha256"]
        .as_str()
        .unwrap()
        .to_owned();
    let before: Value = app
        .get(&format!("/api/v1/draw/{date}"))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        before["seed"].is_null(),
        "the seed stays secret until the draw"
    );
    assert_eq!(before["seed_sha256"], published);

    app.run_draw().await;

    let after: Value = app
        .get(&format!("/api/v1/draw/{date}"))
        .await
        .json()
        .await
        .unwrap();
    let seed_hex = after["seed"].as_str().expect("the seed, revealed");
    let seed: Vec<u8> = (0..seed_hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&seed_hex[i..i + 2], 16).unwrap())
        .collect();
    assert_eq!(
        hex(&Sha256::digest(&seed)),
        published,
        "the seed matches its commitment"
    );
    let mut order: Vec<(String, String)> = after["entry_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| {
            let id = id.as_str().unwrap().to_owned();
            let key = hex(&Sha256::digest([seed.as_slice(), id.as_bytes()].concat()));
            (key, id)
        })
        .collect();
    order.sort();
    let replayed: Vec<&str> = order.iter().take(3).map(|(_, id)| id.as_str()).collect();
    let winners: Vec<&str> = after["winner_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap())
        .collect();
    assert_eq!(after["entry_ids"].as_array().unwrap().len(), 8);
    assert_eq!(
        winners, replayed,
        "the first three drawn won, in that order"
    );
    assert_eq!(after["winners"], 3);
    let overview = app.overview().await;
    let listed = overview["draws"].as_array().unwrap();
    let drawn = listed
        .iter()
        .find(|d| d["draw_date"] == date.to_string())
        .expect("the draw is listed");
    assert_eq!(drawn["seed"].as_str(), Some(seed_hex));
    assert!(
        listed[0]["seed"].is_null(),
        "the next draw's seed stays secret"
    );
    assert!(body_has_no_personal_data(&after));
}

fn body_has_no_personal_data(body: &Value) -> bool {
    let text = body.to_string();
    !text.contains("Ionescu") && !text.contains("example.ro")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn draw_run_cli_runs_a_due_draw_once() {
    let db = TestDatabase::sqlite();
    let store = epasapoarte::testing::seeded_store(&db).await.unwrap();
    let now = chrono::Utc::now();
    let date = (now + chrono::Duration::days(10)).date_naive();
    store
        .open_draw(
            date,
            &[7; 32],
            &hex(&Sha256::digest([7; 32])),
            now,
            now - chrono::Duration::minutes(1),
        )
        .await
        .unwrap();
    let key = hex(b"epasapoarte TEST key, never prod");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_epasapoarte"))
            .args(["draw", "run", "--date", &date.to_string()])
            .env("EPAS_DATABASE_URL", &db.url)
            .env("EPAS_SECRET_KEY", &key)
            .env("RUST_LOG", "off")
            .output()
            .expect("the binary runs")
    };

    let first = run();
    let second = run();

    let out = |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(out(&first).trim(), format!("{date}\tdrawn"));
    assert!(second.status.success());
    assert_eq!(out(&second).trim(), format!("{date}\talready drawn"));
    let draw = store.draw(date).await.unwrap().unwrap();
    assert!(draw.ran_at.is_some());
    assert_eq!(draw.entries, Some(0));
}
