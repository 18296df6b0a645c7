//! `epasapoarte audit` run as the real binary on both backends (issue 13 item 9): a
//! database the service wrote is clean (exit 0, one JSON object); a slot counter that no
//! longer matches its bookings, a booking the client was told about but the database
//! lacks, are found (exit 1); a bad line of the acknowledged file is refused by number.

mod support {
    #[path = "../support/app.rs"]
    pub mod app;
    #[path = "../support/backends.rs"]
    pub mod backends;
}

use std::process::{Command, Output};

use epasapoarte::ids::BookingId;
use epasapoarte::testing::TestDatabase;
use serde_json::{Value, json};
use support::app::{TestApp, cnp};

on_both_backends!(a_database_the_service_wrote_passes_and_a_broken_counter_or_a_lost_booking_fails,);

fn audit(db_url: &str, acknowledged: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_epasapoarte"))
        .arg("audit")
        .arg("--acknowledged")
        .arg(acknowledged)
        .env("EPAS_DATABASE_URL", db_url)
        // Required with PostgreSQL by the configuration; the audit opens nothing sealed.
        .env("EPAS_SECRET_KEY", "ab".repeat(32))
        .output()
        .expect("the binary runs")
}

fn report(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "one JSON object on stdout; stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

async fn book(app: &TestApp, persons: u16, first_cnp: u32) -> String {
    let office = app.office_in("CJ").await["id"].as_i64().unwrap();
    let (date, time) = app.free_slot(office, persons).await;
    let companions: Vec<Value> = (1..u32::from(persons))
        .map(|i| json!({"last_name": "Popescu", "first_name": "Ion", "cnp": cnp(first_cnp + i)}))
        .collect();
    let body = json!({
        "office_id": office, "service": "passport_electronic", "date": date, "time": time,
        "applicant": {"last_name": "Popescu", "first_name": "Ana", "cnp": cnp(first_cnp),
                      "email": "ana.popescu@example.ro"},
        "companions": companions, "consent": true
    });
    let response = app.post("/api/v1/bookings", &body).await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    created["id"].as_str().unwrap().to_owned()
}

async fn a_database_the_service_wrote_passes_and_a_broken_counter_or_a_lost_booking_fails(
    db: TestDatabase,
) {
    // Arrange: two bookings, one confirmed.
    let url = db.url.clone();
    let app = TestApp::spawn(db).await;
    let first = book(&app, 2, 9300).await;
    let second = book(&app, 1, 9310).await;
    let token = app.token_from_last_mail("confirma").await;
    let confirmed = app
        .post("/api/v1/bookings/confirm", &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), 200);
    let dir = tempfile::tempdir().unwrap();
    let acknowledged = dir.path().join("acknowledged.txt");
    std::fs::write(&acknowledged, format!("{first}\n\n{second}\n")).unwrap();

    // Act 1: as the service left it.
    let clean = audit(&url, &acknowledged);

    // Act 2: a booking nobody stored, and a counter one seat off.
    let ghost = BookingId::generate().to_string();
    std::fs::write(&acknowledged, format!("{first}\n{second}\n{ghost}\n")).unwrap();
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    sqlx::query(
        "UPDATE slots SET taken = taken - 1
         WHERE id = (SELECT slot_id FROM bookings WHERE id = $1)",
    )
    .bind(&first)
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    let broken = audit(&url, &acknowledged);

    // Act 3: a line that is not an id.
    std::fs::write(&acknowledged, format!("{first}\nana.popescu@example.ro\n")).unwrap();
    let bad_line = audit(&url, &acknowledged);

    // Assert
    assert!(
        clean.status.success(),
        "{}",
        String::from_utf8_lossy(&clean.stderr)
    );
    let clean = report(&clean);
    assert!(clean["slots"].as_u64().unwrap() > 0);
    for field in [
        "overbooked_slots",
        "overbooked_seats",
        "seat_mismatches",
        "duplicate_cnps",
        "pending_without_mail",
        "lost",
    ] {
        assert_eq!(clean[field], 0, "{field}: {clean}");
    }
    assert_eq!(clean["acknowledged"], 2);

    assert_eq!(broken.status.code(), Some(1));
    let broken = report(&broken);
    assert_eq!(broken["lost"], 1, "{broken}");
    assert_eq!(broken["acknowledged"], 3);
    assert!(broken["seat_mismatches"].as_u64().unwrap() >= 1, "{broken}");

    assert!(!bad_line.status.success());
    let stderr = String::from_utf8_lossy(&bad_line.stderr);
    assert!(stderr.contains("line 2: not a booking id"), "{stderr}");
    assert!(!stderr.contains("ana.popescu"), "the line is never echoed");
}
