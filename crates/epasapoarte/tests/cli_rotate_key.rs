//! `epasapoarte rotate-key` run as the real binary on both backends (issue 13 item 2): a
//! database with data in every kind of sealed table — bookings with their persons, the
//! outbox, a draw entry, a waitlist entry, an application, a restriction, a declaration —
//! and a booking made meanwhile by an instance holding both keys, is sealed again under
//! the new key; then every sealed column of every table opens with the new key and none
//! with the old, an instance with the new key alone serves the old bookings (the same
//! CNP is still one booking: the hash key did not change), one with the old key alone is
//! refused, and a second run changes nothing. The list of sealed columns is checked
//! against the schema: every `*_enc` column and the outbox payload are in it.

mod support {
    #[path = "../support/app.rs"]
    pub mod app;
    #[path = "../support/backends.rs"]
    pub mod backends;
}

use std::collections::BTreeSet;
use std::process::Output;
use std::sync::Arc;

use epasapoarte::app::{Application, Options};
use epasapoarte::clock::SystemClock;
use epasapoarte::config::{Config, SecretKey};
use epasapoarte::crypto::Crypto;
use epasapoarte::ids::OfficeId;
use epasapoarte::mail::Mailer;
use epasapoarte::service::DeclarationRequest;
use epasapoarte::service::applications::{ApplicationRequest, RestrictionRequest};
use epasapoarte::state::AppState;
use epasapoarte::store::key_ring::SEALED_TABLES;
use epasapoarte::testing::{Backend, TestDatabase, test_secret_key};
use serde_json::{Value, json};
use sqlx::Row;
use support::app::{TestApp, cnp};

on_both_backends!(
    a_rotation_seals_everything_again_and_the_service_goes_on_with_the_new_key,
    rotate_key_needs_both_keys_and_shows_neither,
    a_value_neither_key_opens_is_counted_and_never_shown,
    a_rotation_while_an_instance_with_both_keys_books_loses_nothing,
    every_sealed_column_of_the_schema_is_in_the_list,
);

const NEW: &str = "5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d";

fn new_key() -> SecretKey {
    SecretKey::parse(NEW).unwrap()
}

fn rotate_key(url: &str, new: Option<&str>, previous: Option<&str>) -> Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_epasapoarte"));
    command
        .arg("rotate-key")
        // Small batches: several transactions per table even with a few rows.
        .args(["--batch", "2"])
        .env("EPAS_DATABASE_URL", url)
        .env_remove("EPAS_SECRET_KEY")
        .env_remove("EPAS_PREVIOUS_SECRET_KEY");
    if let Some(key) = new {
        command.env("EPAS_SECRET_KEY", key);
    }
    if let Some(key) = previous {
        command.env("EPAS_PREVIOUS_SECRET_KEY", key);
    }
    command.output().expect("the binary runs")
}

fn summary(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "one JSON line on stdout; stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// An instance on the database with `key` (and `previous`), serving on a free port.
async fn instance(
    url: &str,
    key: &SecretKey,
    previous: Option<&SecretKey>,
) -> anyhow::Result<(String, AppState, Mailer)> {
    let config = Config {
        database_url: url.to_owned().into(),
        listen: "127.0.0.1:0".into(),
        base_url: support::app::BASE_URL.into(),
        secret_key: Some(key.clone()),
        previous_secret_key: previous.cloned(),
        rate_limits: false,
        ..Config::default()
    };
    let app = Application::build(
        config,
        Options {
            clock: Arc::new(SystemClock),
            mailer: Some(Mailer::memory()),
            background_jobs: false,
            demo: false,
        },
    )
    .await?;
    let address = format!("http://{}", app.local_addr());
    let (state, mailer) = (app.state.clone(), app.mailer.clone());
    tokio::spawn(app.run_until(std::future::pending()));
    Ok((address, state, mailer))
}

fn booking_body(office: i64, date: &str, time: &str, first_cnp: u32, email: &str) -> Value {
    json!({
        "office_id": office, "service": "passport_electronic", "date": date, "time": time,
        "applicant": {"last_name": "Popescu", "first_name": "Ana", "cnp": cnp(first_cnp),
                      "email": email, "phone": "0722123456"},
        "companions": [{"last_name": "Popescu", "first_name": "Ion", "cnp": cnp(first_cnp + 1)}],
        "consent": true
    })
}

fn staff() -> epasapoarte::staff::Actor {
    epasapoarte::staff::Actor::Staff {
        user_id: 1,
        username: "clerk.ana".to_owned(),
    }
}

/// Every sealed value of every listed table, per table: how many, and how many open with
/// the new key and with the old one.
async fn scan(url: &str) -> Vec<(&'static str, usize, usize, usize)> {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    let (new, old) = (Crypto::new(&new_key()), Crypto::new(&test_secret_key()));
    let mut found = Vec::new();
    for table in SEALED_TABLES {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM {}",
            table.columns.join(", "),
            table.table
        ))
        .fetch_all(&pool)
        .await
        .unwrap();
        let (mut values, mut with_new, mut with_old) = (0, 0, 0);
        for row in &rows {
            for i in 0..table.columns.len() {
                let value: Option<Vec<u8>> = row.try_get(i).unwrap();
                let Some(value) = value.filter(|v| !v.is_empty()) else {
                    continue;
                };
                values += 1;
                with_new += usize::from(new.open(&value).is_ok());
                with_old += usize::from(old.open(&value).is_ok());
            }
        }
        found.push((table.table, values, with_new, with_old));
    }
    pool.close().await;
    found
}

async fn a_rotation_seals_everything_again_and_the_service_goes_on_with_the_new_key(
    db: TestDatabase,
) {
    // Arrange: an instance on the old key (the test key) writes into every sealed table.
    let url = db.url.clone();
    let app = TestApp::launch(db)
        .config(|config| {
            config.fair.draw = true;
            config.rate_limits = false;
        })
        .start()
        .await;
    let service = &app.state.service;
    let office = app.office_in("CJ").await["id"].as_i64().unwrap();
    let (date, time) = app.free_slot(office, 2).await;
    for (n, email) in [
        (7100, "ana.popescu@example.ro"),
        (7110, "dan.pop@example.ro"),
    ] {
        let response = app
            .post(
                "/api/v1/bookings",
                &booking_body(office, &date, &time, n, email),
            )
            .await;
        assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    }
    let confirm_token = app.token_from_last_mail("confirma").await;
    let entered = app
        .post(
            "/api/v1/draw/entries",
            &json!({
                "office_ids": [office], "service": "passport_electronic",
                "applicant": {"last_name": "Ionescu", "first_name": "Ion", "cnp": cnp(7200),
                              "email": "ion.ionescu@example.ro"},
                "companions": [], "part_of_day": "any", "wants_waitlist": false, "consent": true
            }),
        )
        .await;
    assert_eq!(entered.status(), 201, "{}", entered.text().await.unwrap());
    let joined = app
        .post(
            "/api/v1/waitlist",
            &json!({
                "office_ids": [office], "date_from": date, "date_to": date, "persons": 1,
                "applicant": {"last_name": "Ionescu", "first_name": "Maria", "cnp": cnp(7300),
                              "email": "maria@example.ro"},
                "companions": [], "consent": true
            }),
        )
        .await;
    assert_eq!(joined.status(), 201, "{}", joined.text().await.unwrap());
    let application_cnp = cnp(7400);
    service
        .register_application(
            &ApplicationRequest {
                office_id: OfficeId(office),
                passport_type: "passport_electronic".into(),
                last_name: "Ionescu".into(),
                first_name: "Maria".into(),
                cnp: application_cnp.clone(),
                email: Some("maria.ionescu@example.ro".into()),
                receipt_number: "CEC 0042".into(),
                receipt_amount: "258".into(),
                ..ApplicationRequest::default()
            },
            &staff(),
        )
        .await
        .expect("an application");
    service
        .add_restriction(
            &RestrictionRequest {
                cnp: cnp(7500),
                legal_basis: "Legea nr. 248/2005, art. 38 lit. a".into(),
                starts_on: String::new(),
                ends_on: (service.today_in_romania() + chrono::Days::new(30)).to_string(),
            },
            &staff(),
        )
        .await
        .expect("a restriction");
    service
        .record_declaration(
            &DeclarationRequest {
                office_id: OfficeId(office),
                kind: "lost".into(),
                last_name: "Ionescu".into(),
                first_name: "Maria".into(),
                cnp: cnp(7600),
                passport_number: "051234567".into(),
                occurred_on: service.today_in_romania().to_string(),
                place: "În tren".into(),
                police_certificate: String::new(),
            },
            "CJ",
            &staff(),
        )
        .await
        .expect("a declaration");

    // Arrange: the rotation begins — an instance with the new key and the old one is
    // accepted, reads the old data and books under the new key.
    let (during, during_state, _) = instance(&url, &new_key(), Some(&test_secret_key()))
        .await
        .expect("an instance with both keys is accepted");
    let (date2, time2) = app.free_slot(office, 2).await;
    let booked_during = reqwest::Client::new()
        .post(format!("{during}/api/v1/bookings"))
        .json(&booking_body(
            office,
            &date2,
            &time2,
            7120,
            "eva@example.ro",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(booked_during.status(), 201);
    let found_during = during_state
        .service
        .search_applications(&application_cnp)
        .await
        .unwrap();
    assert_eq!(
        found_during.len(),
        1,
        "the old data opens during the rotation"
    );

    // Act
    let first = rotate_key(&url, Some(NEW), Some(&test_secret_key().to_hex()));
    let scanned = scan(&url).await;
    let second = rotate_key(&url, Some(NEW), Some(&test_secret_key().to_hex()));

    // Assert: the first run sealed the old rows again, with a summary and no data.
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let report = summary(&first);
    let resealed = &report["resealed"];
    for (table, at_least) in [
        ("key_ring", 1),
        ("bookings", 2),
        ("booking_persons", 4),
        ("outbox", 2),
        ("draw_entries", 1),
        ("draw_entry_persons", 1),
        ("waitlist_entries", 1),
        ("waitlist_persons", 1),
        ("applications", 1),
        ("restrictions", 1),
        ("passport_declarations", 1),
    ] {
        assert!(
            resealed[table].as_u64().unwrap() >= at_least,
            "{table}: {report}"
        );
    }
    assert_eq!(
        report["resealed"]["bookings"], 2,
        "not the one booked during"
    );
    assert!(
        report["unreadable"]
            .as_object()
            .unwrap()
            .values()
            .all(|v| v == 0)
    );
    assert_eq!(report["key_check"], "new");
    let printed = String::from_utf8_lossy(&first.stdout).to_string()
        + &String::from_utf8_lossy(&first.stderr);
    for secret in [
        NEW,
        &test_secret_key().to_hex(),
        "Popescu",
        &cnp(7100),
        "example.ro",
    ] {
        assert!(
            !printed.contains(secret),
            "nothing personal or secret printed"
        );
    }

    // Assert: every sealed value opens with the new key, none with the old.
    for (table, values, with_new, with_old) in &scanned {
        assert_eq!(
            with_new, values,
            "{table}: every value opens with the new key"
        );
        assert_eq!(*with_old, 0, "{table}: none opens with the old key");
    }
    let values_in = |name: &str| scanned.iter().find(|t| t.0 == name).unwrap().1;
    for table in [
        "key_ring",
        "bookings",
        "booking_persons",
        "outbox",
        "draw_entries",
        "draw_entry_persons",
        "waitlist_entries",
        "waitlist_persons",
        "applications",
        "restrictions",
        "passport_declarations",
    ] {
        assert!(values_in(table) > 0, "{table} was filled");
    }

    // Assert: the second run is a no-op.
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let again = summary(&second);
    assert!(
        again["resealed"]
            .as_object()
            .unwrap()
            .values()
            .all(|v| v == 0),
        "{again}"
    );
    assert_eq!(again["key_check"], "new");

    // Assert: the old key alone is refused now.
    let refused = instance(&url, &test_secret_key(), None)
        .await
        .err()
        .expect("the old key alone is refused");
    let refused = format!("{refused:#}");
    assert!(refused.contains("refusing to start"), "{refused}");
    assert!(!refused.contains(&test_secret_key().to_hex()));

    // Assert: the new key alone serves the old data: an old booking is confirmed and its
    // mail goes to the address sealed before the rotation, its CNP cannot book again
    // (the hash key is the same), the application is found by CNP.
    let (after, after_state, after_mailer) = instance(&url, &new_key(), None)
        .await
        .expect("the new key alone is accepted");
    let probe = |state: &AppState| {
        state
            .service
            .crypto
            .keyed_hash(epasapoarte::crypto::HashPurpose::Cnp, b"1800101221144")
    };
    assert_eq!(
        probe(&after_state),
        probe(&app.state),
        "the hash key stayed"
    );
    let client = reqwest::Client::new();
    let confirmed = client
        .post(format!("{after}/api/v1/bookings/confirm"))
        .json(&json!({"token": confirm_token}))
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), 200);
    let (date3, time3) = app.free_slot(office, 2).await;
    let again_same_cnp = client
        .post(format!("{after}/api/v1/bookings"))
        .json(&booking_body(
            office,
            &date3,
            &time3,
            7110,
            "other@example.ro",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        again_same_cnp.status(),
        409,
        "one booking per CNP still holds"
    );
    epasapoarte::jobs::deliver_once(&after_state.service, &after_mailer)
        .await
        .unwrap();
    let recipients: BTreeSet<String> = after_mailer
        .sent()
        .iter()
        .map(|mail| mail.to.clone())
        .collect();
    assert!(
        recipients
            .iter()
            .any(|to| to.contains("dan.pop@example.ro")),
        "{recipients:?}"
    );
    let found = after_state
        .service
        .search_applications(&application_cnp)
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].last_name, "Ionescu");
}

async fn rotate_key_needs_both_keys_and_shows_neither(db: TestDatabase) {
    let url = db.url.clone();
    let app = TestApp::spawn(db).await;
    let office = app.office_in("CJ").await["id"].as_i64().unwrap();
    let (date, time) = app.free_slot(office, 2).await;
    let response = app
        .post(
            "/api/v1/bookings",
            &booking_body(office, &date, &time, 7700, "a@example.ro"),
        )
        .await;
    assert_eq!(response.status(), 201);
    let old = test_secret_key().to_hex();
    let other = "77".repeat(32);

    let without_previous = rotate_key(&url, Some(NEW), None);
    // Two keys neither of which is the database's.
    let wrong_previous = rotate_key(&url, Some(NEW), Some(&other));

    for output in [&without_previous, &wrong_previous] {
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("EPAS_PREVIOUS_SECRET_KEY"), "{stderr}");
        for key in [NEW, &old, &other] {
            assert!(!stderr.contains(key), "no key printed: {stderr}");
        }
    }
    // Nothing changed: the old key still opens everything.
    for (table, values, _, with_old) in scan(&url).await {
        assert_eq!(values, with_old, "{table}");
    }
}

async fn a_value_neither_key_opens_is_counted_and_never_shown(db: TestDatabase) {
    // Arrange: a booking, then its phone replaced by a value sealed under a third key.
    let url = db.url.clone();
    let app = TestApp::spawn(db).await;
    let office = app.office_in("CJ").await["id"].as_i64().unwrap();
    let (date, time) = app.free_slot(office, 2).await;
    let response = app
        .post(
            "/api/v1/bookings",
            &booking_body(office, &date, &time, 7800, "b@example.ro"),
        )
        .await;
    assert_eq!(response.status(), 201);
    let third = Crypto::new(&SecretKey::from_bytes(vec![0x33; 32]).unwrap());
    let foreign = third.seal_str("0799111222");
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    sqlx::query("UPDATE bookings SET phone_enc = $1")
        .bind(foreign.clone())
        .execute(&pool)
        .await
        .unwrap();

    // Act
    let output = rotate_key(&url, Some(NEW), Some(&test_secret_key().to_hex()));

    // Assert: counted, the rest moved, exit 1, nothing of it shown.
    assert_eq!(output.status.code(), Some(1));
    let report = summary(&output);
    assert_eq!(report["unreadable"]["bookings"], 1, "{report}");
    assert_eq!(
        report["resealed"]["bookings"], 1,
        "the e-mail moved: {report}"
    );
    assert_eq!(report["resealed"]["booking_persons"], 2, "{report}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("1 sealed values open with neither key"),
        "{stderr}"
    );
    let hex: String = foreign.iter().map(|b| format!("{b:02x}")).collect();
    for shown in [
        &stderr.to_string(),
        &String::from_utf8_lossy(&output.stdout).to_string(),
    ] {
        assert!(!shown.contains("0799111222") && !shown.contains(&hex[..16]));
    }
    let left: Vec<u8> = sqlx::query_scalar("SELECT phone_enc FROM bookings")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(left, foreign, "an unreadable value is left as it is");
    pool.close().await;
}

async fn a_rotation_while_an_instance_with_both_keys_books_loses_nothing(db: TestDatabase) {
    // Arrange: old data, and an instance on both keys.
    let url = db.url.clone();
    let app = TestApp::launch(db)
        .config(|config| config.rate_limits = false)
        .start()
        .await;
    let office = app.office_in("CJ").await["id"].as_i64().unwrap();
    for n in 0..6 {
        let (date, time) = app.free_slot(office, 2).await;
        let email = format!("old{n}@example.ro");
        let response = app
            .post(
                "/api/v1/bookings",
                &booking_body(office, &date, &time, 8000 + 10 * n, &email),
            )
            .await;
        assert_eq!(response.status(), 201);
    }
    let (during, _, _) = instance(&url, &new_key(), Some(&test_secret_key()))
        .await
        .unwrap();

    // Act: rotate-key one row per transaction while the instance books.
    let rotation = {
        let url = url.clone();
        tokio::task::spawn_blocking(move || {
            let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_epasapoarte"));
            command
                .args(["rotate-key", "--batch", "1"])
                .env("EPAS_DATABASE_URL", &url)
                .env("EPAS_SECRET_KEY", NEW)
                .env("EPAS_PREVIOUS_SECRET_KEY", test_secret_key().to_hex());
            command.output().expect("the binary runs")
        })
    };
    let client = reqwest::Client::new();
    let mut booked = 0;
    for n in 0..8 {
        // From the instance that books: the app's own availability is cached.
        let body: Value = client
            .get(format!(
                "{during}/api/v1/offices/{office}/availability?service=passport_electronic&persons=2"
            ))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let date = body["days"][0]["date"].as_str().unwrap().to_owned();
        let time = body["days"][0]["slots"][0]["time"]
            .as_str()
            .unwrap()
            .to_owned();
        let email = format!("new{n}@example.ro");
        let response = client
            .post(format!("{during}/api/v1/bookings"))
            .json(&booking_body(office, &date, &time, 8100 + 10 * n, &email))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        booked += 1;
    }
    let output = rotation.await.unwrap();

    // Assert
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(booked, 8);
    let report = summary(&output);
    assert_eq!(report["resealed"]["bookings"], 6, "{report}");
    for (table, values, with_new, with_old) in scan(&url).await {
        assert_eq!(with_new, values, "{table}");
        assert_eq!(with_old, 0, "{table}");
    }
    let bookings_now = scan(&url)
        .await
        .into_iter()
        .find(|t| t.0 == "bookings")
        .unwrap();
    // An e-mail and a phone each for 14 bookings.
    assert_eq!(bookings_now.1, 28);
}

/// Every `*_enc` column, and the outbox's payload, of the schema the migrations build.
async fn every_sealed_column_of_the_schema_is_in_the_list(db: TestDatabase) {
    let store = epasapoarte::store::connect(&db.url).await.unwrap();
    drop(store);
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&db.url).await.unwrap();
    let sql = match db.backend {
        Backend::Sqlite => {
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table'"
        }
        Backend::Postgres => {
            "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT)
             FROM information_schema.columns WHERE table_schema = current_schema()"
        }
    };
    let columns: Vec<(String, String)> = sqlx::query_as(sql).fetch_all(&pool).await.unwrap();
    let sealed: BTreeSet<(String, String)> = columns
        .into_iter()
        .filter(|(table, column)| {
            column.ends_with("_enc")
                || column == "hash_key_sealed"
                || (table == "outbox" && column == "payload")
        })
        .collect();
    let listed: BTreeSet<(String, String)> = SEALED_TABLES
        .iter()
        .flat_map(|t| {
            t.columns
                .iter()
                .map(|c| (t.table.to_owned(), (*c).to_owned()))
        })
        .collect();
    assert_eq!(sealed, listed);
}
