//! `TestApp`: one running service per test, with helpers per endpoint. Time is a manual
//! clock (tests move it instead of sleeping); mail goes to memory; background jobs are
//! driven by the test (`deliver`, `expire`) so every step is deterministic.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use epasapoarte::app::{Application, Options};
use epasapoarte::clock::{Clock, ManualClock};
use epasapoarte::config::Config;
use epasapoarte::mail::{Mailer, SentMail};
use epasapoarte::testing::{TestDatabase, seeded_store, test_secret_key};
use epasapoarte::{jobs, seed};
use serde_json::{Value, json};

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub clock: Arc<ManualClock>,
    pub app_state: epasapoarte::http::AppState,
    pub mailer: Mailer,
    _db: TestDatabase,
}

/// Runs a test body once per backend, as `<name>::sqlite` and `<name>::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::api::support::TestApp::spawn(epasapoarte::testing::TestDatabase::sqlite()).await).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(db) = epasapoarte::testing::TestDatabase::postgres_or_skip() {
                    super::$name($crate::api::support::TestApp::spawn(db).await).await
                }
            }
        }
    )*};
}

impl TestApp {
    pub async fn spawn(db: TestDatabase) -> TestApp {
        Self::spawn_with(db, |_| {}).await
    }

    pub async fn spawn_with(db: TestDatabase, tweak: impl FnOnce(&mut Config)) -> TestApp {
        let store = seeded_store(&db).await.expect("seeding the test database");
        let clock = Arc::new(ManualClock::new(Utc::now()));
        seed::plan_all_slots(store.as_ref(), clock.now())
            .await
            .expect("planning slots");
        let mut config = Config {
            database_url: db.url.clone().into(),
            listen: "127.0.0.1:0".into(),
            base_url: "http://ro.test".into(),
            secret_key: Some(test_secret_key()),
            ..Config::default()
        };
        tweak(&mut config);
        let mailer = Mailer::memory();
        let options = Options {
            clock: clock.clone(),
            mailer: Some(mailer.clone()),
            background_jobs: false,
            demo: false,
        };
        let app = Application::build(config, options)
            .await
            .expect("building the app");
        let address = format!("http://{}", app.local_addr());
        let app_state = app.state.clone();
        tokio::spawn(app.run_until(std::future::pending()));
        TestApp {
            address,
            client: reqwest::Client::new(),
            clock,
            app_state,
            mailer,
            _db: db,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("GET")
    }

    pub async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.address))
            .json(body)
            .send()
            .await
            .expect("POST")
    }

    pub async fn post_raw(
        &self,
        path: &str,
        body: impl Into<reqwest::Body>,
        content_type: &str,
    ) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.address))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("POST")
    }

    /// The first office of a county.
    pub async fn office_in(&self, county: &str) -> Value {
        let offices: Vec<Value> = self
            .get(&format!("/api/v1/offices?county={county}"))
            .await
            .json()
            .await
            .unwrap();
        offices.into_iter().next().expect("an office in the county")
    }

    /// The first (date, time) with room for `persons` at the office.
    pub async fn free_slot(&self, office_id: i64, persons: u16) -> (String, String) {
        let body: Value = self
            .get(&format!("/api/v1/offices/{office_id}/availability?service=passport_electronic&persons={persons}"))
            .await
            .json()
            .await
            .unwrap();
        let day = &body["days"][0];
        (
            day["date"].as_str().unwrap().to_owned(),
            day["slots"][0]["time"].as_str().unwrap().to_owned(),
        )
    }

    /// A complete, valid booking body for `persons` persons with CNPs from `first_cnp` on.
    pub async fn booking_body(&self, persons: u16, first_cnp: u32) -> Value {
        let office = self.office_in("CJ").await;
        let office_id = office["id"].as_i64().unwrap();
        let (date, time) = self.free_slot(office_id, persons).await;
        booking_at(office_id, &date, &time, persons, first_cnp)
    }

    pub async fn book(&self, body: &Value) -> reqwest::Response {
        self.post("/api/v1/bookings", body).await
    }

    /// Runs the outbox worker once and returns everything the mailbox holds.
    pub async fn deliver(&self) -> Vec<SentMail> {
        jobs::deliver_once(&self.app_state.service, &self.mailer)
            .await
            .expect("delivering the outbox");
        self.mailer.sent()
    }

    pub async fn expire(&self) -> u64 {
        jobs::expire_once(&self.app_state.service)
            .await
            .expect("expiring")
    }

    /// The token at the end of the last e-mailed link of that kind (`confirma` / `anuleaza`).
    pub async fn token_from_last_mail(&self, kind: &str) -> String {
        let mails = self.deliver().await;
        let marker = format!("/programare/{kind}/");
        mails
            .iter()
            .rev()
            .find_map(|mail| {
                let start = mail.text.find(&marker)? + marker.len();
                Some(
                    mail.text[start..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect(),
                )
            })
            .unwrap_or_else(|| panic!("no e-mail with a {kind} link"))
    }

    /// Free seats of one slot, read straight from the store (not the cache).
    pub async fn free_seats(&self, office_id: i64, date: &str, time: &str) -> u16 {
        let now = self.now();
        let seats = self
            .app_state
            .service
            .store
            .slots(
                office_id,
                now - chrono::Duration::days(1),
                now + chrono::Duration::days(100),
            )
            .await
            .unwrap();
        seats
            .iter()
            .find(|s| s.date.to_string() == date && s.time.format("%H:%M").to_string() == time)
            .map(|s| s.free())
            .expect("the slot exists")
    }
}

pub fn booking_at(office_id: i64, date: &str, time: &str, persons: u16, first_cnp: u32) -> Value {
    let companions: Vec<Value> = (1..u32::from(persons))
        .map(|i| json!({"last_name": "Popescu", "first_name": format!("Copil{}", letters(i)), "cnp": cnp(first_cnp + i)}))
        .collect();
    json!({
        "office_id": office_id,
        "service": "passport_electronic",
        "date": date,
        "time": time,
        "applicant": {"last_name": "Popescu", "first_name": "Ana", "cnp": cnp(first_cnp), "email": "ana.popescu@example.ro", "phone": "0721 123 456"},
        "companions": companions,
        "consent": true
    })
}

fn letters(mut n: u32) -> String {
    let mut out = String::new();
    loop {
        out.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            return out;
        }
    }
}

/// The n-th valid test CNP: born 1 Jan 1960 + n days, county 12 (Cluj), serial from n.
pub fn cnp(n: u32) -> String {
    let birth = chrono::NaiveDate::from_ymd_opt(1960, 1, 1).unwrap()
        + chrono::Duration::days(i64::from(n % 15_000));
    let serial = 1 + n / 15_000 % 999;
    let sex = if chrono::Datelike::year(&birth) < 2000 {
        1 + n % 2
    } else {
        5 + n % 2
    };
    let body = format!("{sex}{}12{serial:03}", birth.format("%y%m%d"));
    let digits: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
    let first12: [u8; 12] = digits.try_into().unwrap();
    format!("{body}{}", epasapoarte_domain::cnp::check_digit(&first12))
}
