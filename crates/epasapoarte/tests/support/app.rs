//! `TestApp`: the real service on port 0, one per test, on its own database. Time is a
//! manual clock (tests move it instead of sleeping); mail goes to memory (or, for the
//! demo, to `.eml` files in a temporary directory); background jobs are driven by the test
//! (`deliver`, `expire`) so every step is deterministic. Each area adds its own vocabulary
//! on top: the API's bookings, the citizen pages' browser, the back office's personas.
#![allow(dead_code)]

use std::sync::Arc;

use chrono::{DateTime, Utc};
use epasapoarte::app::{Application, Options};
use epasapoarte::clock::{Clock, ManualClock};
use epasapoarte::config::Config;
use epasapoarte::mail::{Mailer, SentMail};
use epasapoarte::state::AppState;
use epasapoarte::testing::{TestDatabase, pow, seeded_store, test_secret_key};
use epasapoarte::{jobs, seed};
use serde_json::Value;

use super::backends::Fixture;

/// The base URL of the e-mailed links.
pub const BASE_URL: &str = "http://ro.test";

pub struct TestApp {
    pub address: String,
    /// Keeps cookies (the language, the anti-forgery session) and follows redirects.
    pub client: reqwest::Client,
    pub clock: Arc<ManualClock>,
    pub state: AppState,
    pub mailer: Mailer,
    _mail_dir: Option<tempfile::TempDir>,
    // Last, so the app's pool is dropped before the database is.
    _db: TestDatabase,
}

/// The app with its defaults (see [`TestApp::launch`]).
impl Fixture for TestApp {
    async fn start(db: TestDatabase) -> TestApp {
        TestApp::spawn(db).await
    }
}

/// How a [`TestApp`] is started; [`TestApp::launch`] gives the defaults.
pub struct Launch {
    db: TestDatabase,
    config: Config,
    plan_slots: bool,
    demo: bool,
    mailer: Option<Mailer>,
}

impl Launch {
    /// Changes the configuration the app starts with.
    pub fn config(mut self, tweak: impl FnOnce(&mut Config)) -> Launch {
        tweak(&mut self.config);
        self
    }

    /// The test offices without any slots (tests plan their own).
    pub fn without_slots(mut self) -> Launch {
        self.plan_slots = false;
        self
    }

    /// Another transport than the memory mailbox (a real SMTP relay).
    pub fn mailer(mut self, mailer: Mailer) -> Launch {
        self.mailer = Some(mailer);
        self
    }

    /// `serve --demo`: the demo data seeded at start, e-mails written as files.
    pub fn demo(mut self) -> Launch {
        self.demo = true;
        self
    }

    pub async fn start(self) -> TestApp {
        let Launch {
            db,
            mut config,
            plan_slots,
            demo,
            mailer,
        } = self;
        let clock = Arc::new(ManualClock::new(Utc::now()));
        let mail_dir = demo.then(|| tempfile::tempdir().expect("a mail directory"));
        if let Some(dir) = &mail_dir {
            config.mail_dir = dir.path().to_path_buf();
            config.smtp_url = None;
        } else {
            prepare(&db, &clock, plan_slots).await;
        }
        let options = Options {
            clock: clock.clone(),
            // None in the demo: the configured transport, i.e. files in `mail_dir`.
            mailer: mailer.or_else(|| (!demo).then(Mailer::memory)),
            background_jobs: false,
            demo,
        };
        let app = Application::build(config, options)
            .await
            .expect("building the app");
        let address = format!("http://{}", app.local_addr());
        let (state, mailer) = (app.state.clone(), app.mailer.clone());
        tokio::spawn(app.run_until(std::future::pending()));
        TestApp {
            address,
            client: browser(),
            clock,
            state,
            mailer,
            _mail_dir: mail_dir,
            _db: db,
        }
    }
}

/// Counties and the test offices, and their slots unless the test plans its own.
async fn prepare(db: &TestDatabase, clock: &ManualClock, plan_slots: bool) {
    let store = seeded_store(db).await.expect("seeding the test database");
    if plan_slots {
        seed::plan_all_slots(store.as_ref(), clock.now())
            .await
            .expect("planning slots");
    }
}

impl TestApp {
    /// The app with its defaults (see [`TestApp::launch`] for the others).
    pub async fn spawn(db: TestDatabase) -> TestApp {
        TestApp::launch(db).start().await
    }

    /// Starts from the defaults: the test offices (Alba, Bucharest, Cluj, Timiș) with 90
    /// days of slots, `EPAS_BASE_URL` [`BASE_URL`], a test key, rate limits on, draws off
    /// (`EPAS_DRAW=off`) and freed seats back at once (`EPAS_RELEASE_DELAY=0-0`): first
    /// come, first served, as before SPEC §8; the fair-access tests turn them on.
    pub fn launch(db: TestDatabase) -> Launch {
        let mut config = Config {
            database_url: db.url.clone().into(),
            listen: "127.0.0.1:0".into(),
            base_url: BASE_URL.into(),
            secret_key: Some(test_secret_key()),
            ..Config::default()
        };
        config.fair.draw = false;
        config.fair.release_delay = "0-0".parse().expect("a release delay");
        Launch {
            db,
            config,
            plan_slots: true,
            demo: false,
            mailer: None,
        }
    }

    /// `serve --demo` on SQLite: the demo data seeded at start, e-mails written as files.
    pub async fn spawn_demo() -> TestApp {
        TestApp::launch(TestDatabase::sqlite()).demo().start().await
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.clock.advance(by);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// GET, then the status and the body.
    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.expect("a body"))
    }

    /// POSTs `body` as JSON; a public write gets a solved challenge in its `altcha` field
    /// first (when the proof of work is on and the body has none).
    pub async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        let body = self.with_solution(path, body).await;
        self.post_as_is(path, &body).await
    }

    /// POSTs `body` as JSON exactly as given (to test what a write without a good
    /// solution gets).
    pub async fn post_as_is(&self, path: &str, body: &Value) -> reqwest::Response {
        let request = self.client.post(self.url(path)).json(body);
        request.send().await.expect("POST")
    }

    /// A fresh challenge for `form` (`booking`, `lookup`, …).
    pub async fn challenge(&self, form: &str) -> Value {
        let response = self.get(&format!("/api/v1/challenge?form={form}")).await;
        assert_eq!(response.status(), 200, "a challenge");
        response.json().await.expect("a challenge as JSON")
    }

    /// The `altcha` field for a write to `path`: a challenge fetched and solved.
    pub async fn solution_for(&self, path: &str) -> Option<String> {
        let form = pow::form_for_path(path)?;
        if !self.state.pow.enabled() {
            return None;
        }
        Some(pow::solve(&self.challenge(form).await))
    }

    async fn with_solution(&self, path: &str, body: &Value) -> Value {
        let mut body = body.clone();
        if let Some(object) = body.as_object_mut() {
            if !object.contains_key("altcha") {
                if let Some(solution) = self.solution_for(path).await {
                    object.insert("altcha".to_owned(), Value::String(solution));
                }
            }
        }
        body
    }

    pub async fn post_raw(
        &self,
        path: &str,
        body: impl Into<reqwest::Body>,
        content_type: &str,
    ) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("POST")
    }

    /// The first office of a county, as the API lists it.
    pub async fn office_in(&self, county: &str) -> Value {
        let offices: Vec<Value> = self
            .get(&format!("/api/v1/offices?county={county}"))
            .await
            .json()
            .await
            .expect("a list of offices");
        offices.into_iter().next().expect("an office in the county")
    }

    /// The first (date, time) with room for `persons` at the office.
    pub async fn free_slot(&self, office_id: i64, persons: u16) -> (String, String) {
        let body: Value = self
            .get(&format!("/api/v1/offices/{office_id}/availability?service=passport_electronic&persons={persons}"))
            .await
            .json()
            .await
            .expect("the availability");
        let day = &body["days"][0];
        (
            day["date"].as_str().expect("a date").to_owned(),
            day["slots"][0]["time"].as_str().expect("a time").to_owned(),
        )
    }

    /// Runs the outbox worker once and returns everything the mailbox holds.
    pub async fn deliver(&self) -> Vec<SentMail> {
        jobs::deliver_once(&self.state.service, &self.mailer)
            .await
            .expect("delivering the outbox");
        self.mailer.sent()
    }

    pub async fn expire(&self) -> u64 {
        jobs::expire_once(&self.state.service)
            .await
            .expect("expiring")
    }

    /// The token at the end of the last e-mailed link of that kind (`confirma`/`anuleaza`).
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
}

/// A client that behaves like a browser: keeps cookies, follows redirects.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        // The server closes a keep-alive connection idle for 10 s (its header-read
        // timeout); reusing one that old would race that close.
        .pool_idle_timeout(std::time::Duration::from_secs(5))
        .cookie_store(true)
        .build()
        .expect("a client")
}

/// The value of the first `name="csrf"` hidden field.
pub fn csrf_in(html: &str) -> Option<String> {
    let start = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    Some(html[start..].chars().take_while(|c| *c != '"').collect())
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
