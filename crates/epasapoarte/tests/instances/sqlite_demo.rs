//! `serve --demo` from an empty directory with nothing configured but the listen address:
//! the defaults must give a working service (SQLite under ./data, e-mail as files under
//! ./data/mail, a generated private key) that keeps personal data out of the database file.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mail_parser::MessageParser;
use serde_json::{Value, json};

use super::citizens::{Family, token_after};
use super::process::{self, Server, eventually};

/// The `.eml` files written so far, parsed into their text parts.
fn mail_texts(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir.join("data/mail")) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter_map(|raw| {
            let message = MessageParser::default().parse(&raw)?;
            Some(message.body_text(0)?.into_owned())
        })
        .collect()
}

/// The raw bytes of the database and its write-ahead log.
fn database_bytes(dir: &Path) -> Vec<u8> {
    ["data/epasapoarte.db", "data/epasapoarte.db-wal"]
        .iter()
        .filter_map(|name| std::fs::read(dir.join(name)).ok())
        .flatten()
        .collect()
}

/// Whether `needle`'s bytes occur in `haystack`. Lossy decoding only replaces invalid
/// bytes, so a valid UTF-8 needle stored as is still shows (and `str::contains` is fast).
fn contains(haystack: &[u8], needle: &str) -> bool {
    String::from_utf8_lossy(haystack).contains(needle)
}

pub async fn run() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let client = reqwest::Client::builder()
        // The server closes a keep-alive connection idle for 10 s (its header-read
        // timeout); reusing one that old would race that close.
        .pool_idle_timeout(std::time::Duration::from_secs(5))
        .timeout(Duration::from_secs(20))
        .build()
        .expect("an HTTP client");
    let mut server = Server::start(
        "demo",
        dir.path(),
        process::free_port(),
        &["--demo"],
        &[],
        dir.path().join("demo.log"),
    );
    server.wait_ready(&client, Duration::from_secs(40)).await;
    eprintln!("demo ready after {:?}", started.elapsed());

    let (family, slot) = book_a_family(&client, &server).await;
    confirm_from_the_mail_files(&client, &server, dir.path(), started).await;
    eprintln!("demo: confirmation written after {:?}", started.elapsed());
    nothing_personal_or_secret_is_kept_in_clear(&server, dir.path(), &family);

    demo_staff_can_sign_in(&server).await;

    let seats = free_seats(&client, &server, &slot).await;
    let backup = dir.path().join("backups/epasapoarte.db");
    backup_while_serving(dir.path(), &backup);

    server.terminate();
    let status = server.wait_exit(Duration::from_secs(10)).await;
    assert!(
        status.is_some_and(|s| s.success()),
        "exit on SIGTERM: {status:?}"
    );
    restore_drill(dir.path(), &backup, &slot, seats, &client).await;
    eprintln!("sqlite demo story took {:?}", started.elapsed());
}

/// Office id, date and time of the family's booking.
type Slot = (i64, String, String);

/// The free seats the public availability shows at `slot` (0 when not listed).
async fn free_seats(client: &reqwest::Client, server: &Server, slot: &Slot) -> u64 {
    let (office, date, time) = slot;
    let body: Value = client
        .get(server.url(&format!(
            "/api/v1/offices/{office}/availability?service=passport_electronic&from={date}&to={date}"
        )))
        .send()
        .await
        .expect("GET availability")
        .json()
        .await
        .expect("JSON");
    body["days"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|day| day["slots"].as_array().into_iter().flatten())
        .find(|s| s["time"] == time.as_str())
        .map_or(0, |s| s["free"].as_u64().unwrap_or(0))
}

/// `epasapoarte backup --to FILE` while the service runs: an owner-only copy that passes
/// SQLite's integrity check; it refuses to overwrite.
fn backup_while_serving(dir: &Path, backup: &Path) {
    let run = || {
        process::command(dir, &[])
            .args(["backup", "--to"])
            .arg(backup)
            .output()
            .expect("running epasapoarte backup")
    };
    let output = run();
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "backup failed: {said}");
    assert!(
        said.contains("integrity ok") && said.contains("1 bookings"),
        "{said}"
    );
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(backup).expect("the backup").permissions(),
    );
    assert_eq!(mode & 0o777, 0o600, "the backup is the owner's only");
    let again = run();
    assert!(!again.status.success(), "a backup never overwrites");
    eprintln!("backup: {}", said.trim());
}

/// The restore drill: the backup and the key into a fresh directory serve the same data
/// (the booked seats still taken); the backup without its key is refused at start.
async fn restore_drill(
    dir: &Path,
    backup: &Path,
    slot: &Slot,
    seats: u64,
    client: &reqwest::Client,
) {
    let started = Instant::now();
    let restored = tempfile::tempdir().expect("a temporary directory");
    let data = restored.path().join("data");
    std::fs::create_dir_all(&data).expect("data/");
    std::fs::copy(backup, data.join("epasapoarte.db")).expect("restoring the backup");

    // Without the key: a new one is generated, and the key check refuses it.
    let refused = process::command(restored.path(), &[])
        .args(["draw", "run"])
        .output()
        .expect("running epasapoarte");
    let said = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert!(
        !refused.status.success(),
        "a restore without its key must not start"
    );
    assert!(
        said.contains("EPAS_SECRET_KEY") && said.contains("refusing to start"),
        "{said}"
    );

    std::fs::copy(dir.join("data/secret.key"), data.join("secret.key")).expect("the key");
    let mut server = Server::start(
        "restored",
        restored.path(),
        process::free_port(),
        &["--demo"],
        &[],
        restored.path().join("restored.log"),
    );
    server.wait_ready(client, Duration::from_secs(40)).await;
    assert_eq!(
        free_seats(client, &server, slot).await,
        seats,
        "the restored service has the booking"
    );
    server.terminate();
    let status = server.wait_exit(Duration::from_secs(10)).await;
    assert!(status.is_some_and(|s| s.success()));
    eprintln!(
        "restore drill (refused without the key, then served with it) took {:?}",
        started.elapsed()
    );
}

/// Books a family of two at the last listed day of the first Cluj demo office.
async fn book_a_family(client: &reqwest::Client, server: &Server) -> (Family, Slot) {
    let offices: Value = client
        .get(server.url("/api/v1/offices?county=CJ"))
        .send()
        .await
        .expect("GET offices")
        .json()
        .await
        .expect("JSON");
    let office_id = offices[0]["id"].as_i64().expect("a demo office in Cluj");
    let availability: Value = client
        .get(server.url(&format!(
            "/api/v1/offices/{office_id}/availability?service=passport_electronic&persons=2"
        )))
        .send()
        .await
        .expect("GET availability")
        .json()
        .await
        .expect("JSON");
    // The last day listed: far from "now", so the slot cannot pass during the test.
    let day = availability["days"]
        .as_array()
        .and_then(|days| days.last())
        .expect("a day with free slots");
    let (date, time) = (
        day["date"].as_str().expect("a date"),
        day["slots"][0]["time"].as_str().expect("a time"),
    );
    let family = Family::new(9_000, 2);
    // A public write carries a solved proof-of-work challenge (SPEC §8), as a client does.
    let challenge: Value = client
        .get(server.url("/api/v1/challenge?form=booking"))
        .send()
        .await
        .expect("GET challenge")
        .json()
        .await
        .expect("JSON");
    let mut body = family.booking(office_id, date, time);
    body["altcha"] = Value::String(epasapoarte::testing::pow::solve(&challenge));
    let created = client
        .post(server.url("/api/v1/bookings"))
        .json(&body)
        .send()
        .await
        .expect("POST booking");
    assert_eq!(created.status().as_u16(), 201);
    (family, (office_id, date.to_owned(), time.to_owned()))
}

/// The confirm link from the `.eml` file confirms; the confirmation follows as a file.
/// (`started`: when the story began, for the timings it prints.)
async fn confirm_from_the_mail_files(
    client: &reqwest::Client,
    server: &Server,
    dir: &Path,
    started: Instant,
) {
    let token = eventually(
        "the confirmation request in data/mail",
        Duration::from_secs(15),
        Duration::from_millis(100),
        || async {
            mail_texts(dir)
                .iter()
                .find_map(|t| token_after(t, "confirma"))
        },
    )
    .await;
    eprintln!(
        "demo: confirmation request written after {:?}",
        started.elapsed()
    );
    let confirmed = client
        .post(server.url("/api/v1/bookings/confirm"))
        .json(&json!({ "token": token }))
        .send()
        .await
        .expect("POST confirm");
    assert_eq!(confirmed.status().as_u16(), 200);
    let answer: Value = confirmed.json().await.expect("JSON");
    assert_eq!(answer["status"], "confirmed");
    eventually(
        "the confirmation with its cancel link in data/mail",
        Duration::from_secs(15),
        Duration::from_millis(100),
        || async {
            mail_texts(dir)
                .iter()
                .find_map(|t| token_after(t, "anuleaza"))
        },
    )
    .await;
}

/// The generated key is private; the database file and the log hold none of the family's
/// personal data, and the log not the key.
fn nothing_personal_or_secret_is_kept_in_clear(server: &Server, dir: &Path, family: &Family) {
    let key = dir.join("data/secret.key");
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&key)
            .expect("data/secret.key was generated")
            .permissions(),
    );
    assert_eq!(mode & 0o777, 0o600, "secret.key must be private");
    let bytes = database_bytes(dir);
    assert!(
        bytes.len() > 4096,
        "the database lives in data/epasapoarte.db"
    );
    let key_hex = std::fs::read_to_string(&key).expect("reading the key");
    let log = server.log_text();
    for secret in family.personal_data() {
        assert!(
            !contains(&bytes, &secret),
            "the database file holds {secret:?} in clear"
        );
        assert!(!log.contains(&secret), "the log holds {secret:?}");
    }
    assert!(
        !log.contains(key_hex.trim()),
        "the log shows the secret key"
    );
}

/// The demo seeds staff accounts, names them on its login page, and they work: the
/// manager of the Cluj office signs in and reaches that office's page.
async fn demo_staff_can_sign_in(server: &Server) {
    let browser = reqwest::Client::builder()
        // The server closes a keep-alive connection idle for 10 s (its header-read
        // timeout); reusing one that old would race that close.
        .pool_idle_timeout(std::time::Duration::from_secs(5))
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .expect("an HTTP client");
    let login = browser
        .get(server.url("/admin/login"))
        .send()
        .await
        .expect("GET /admin/login")
        .text()
        .await
        .expect("the login page");
    assert!(login.contains("manager.cj") && login.contains("demo-manager-parola"));
    let csrf = login
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the login form's anti-forgery token")
        .to_owned();
    let signed_in = browser
        .post(server.url("/admin/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "manager.cj"),
            ("password", "demo-manager-parola"),
        ])
        .send()
        .await
        .expect("POST /admin/login");
    assert_eq!(
        signed_in.status().as_u16(),
        303,
        "the demo manager signs in"
    );
    let dashboard = browser
        .get(server.url("/admin"))
        .send()
        .await
        .expect("GET /admin")
        .text()
        .await
        .expect("the dashboard");
    assert!(
        dashboard.contains("manager.cj"),
        "signed in as the demo manager"
    );
}
