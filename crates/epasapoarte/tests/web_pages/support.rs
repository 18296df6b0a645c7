//! `Site`: one running service per test, browsed like a browser does — a cookie jar (the
//! language and the anti-forgery session), forms posted with the page's `csrf` token,
//! redirects followed. Time is a manual clock; mail goes to memory (or, for the demo
//! mailbox, to `.eml` files in a temporary directory); the outbox is delivered by hand.

use std::sync::Arc;

use chrono::Utc;
use epasapoarte::app::{Application, Options};
use epasapoarte::clock::ManualClock;
use epasapoarte::config::Config;
use epasapoarte::http::AppState;
use epasapoarte::mail::{Mailer, SentMail};
use epasapoarte::testing::{TestDatabase, seeded_store, test_secret_key};
use epasapoarte::{jobs, seed};
use serde_json::{Value, json};

pub const BASE_URL: &str = "http://ro.test";

/// The first names of the extra persons of a booking, in order.
pub const COMPANIONS: [&str; 4] = ["Ioana", "Mihai", "Elena", "Radu"];

pub struct Site {
    pub address: String,
    pub client: reqwest::Client,
    pub clock: Arc<ManualClock>,
    pub state: AppState,
    pub mailer: Mailer,
    _mail_dir: Option<tempfile::TempDir>,
    _db: TestDatabase,
}

/// Runs a test body once per backend, as `<name>::sqlite` and `<name>::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::web_pages::support::Site::spawn(epasapoarte::testing::TestDatabase::sqlite()).await).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(db) = epasapoarte::testing::TestDatabase::postgres_or_skip() {
                    super::$name($crate::web_pages::support::Site::spawn(db).await).await
                }
            }
        }
    )*};
}

impl Site {
    /// The service with a few offices (Alba, Bucharest, Cluj, Timiș), not in demo mode.
    pub async fn spawn(db: TestDatabase) -> Site {
        let store = seeded_store(&db).await.expect("seeding the test database");
        let clock = Arc::new(ManualClock::new(Utc::now()));
        seed::plan_all_slots(store.as_ref(), Utc::now())
            .await
            .expect("planning slots");
        let mailer = Mailer::memory();
        let options = Options {
            clock: clock.clone(),
            mailer: Some(mailer.clone()),
            background_jobs: false,
            demo: false,
        };
        Self::start(db, config_for(None), options, clock, None).await
    }

    /// `serve --demo`: the demo data seeded at start, e-mails written as files.
    pub async fn spawn_demo() -> Site {
        let db = TestDatabase::sqlite();
        let dir = tempfile::tempdir().expect("a mail directory");
        let clock = Arc::new(ManualClock::new(Utc::now()));
        let options = Options {
            clock: clock.clone(),
            // None: the configured transport, i.e. files in `mail_dir`.
            mailer: None,
            background_jobs: false,
            demo: true,
        };
        let config = config_for(Some(dir.path().to_path_buf()));
        Self::start(db, config, options, clock, Some(dir)).await
    }

    async fn start(
        db: TestDatabase,
        mut config: Config,
        options: Options,
        clock: Arc<ManualClock>,
        mail_dir: Option<tempfile::TempDir>,
    ) -> Site {
        config.database_url = db.url.clone().into();
        let app = Application::build(config, options)
            .await
            .expect("building the app");
        let address = format!("http://{}", app.local_addr());
        let state = app.state.clone();
        let mailer = app.mailer.clone();
        tokio::spawn(app.run_until(std::future::pending()));
        Site {
            address,
            client: browser(),
            clock,
            state,
            mailer,
            _mail_dir: mail_dir,
            _db: db,
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("GET")
    }

    /// GET, then the status and the body.
    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.expect("a body"))
    }

    /// The anti-forgery token of this browser's session (every page's forms carry it).
    pub async fn csrf(&self) -> String {
        let (_, html) = self.page("/verifica-programare").await;
        csrf_in(&html).expect("a csrf field on the form")
    }

    /// Posts a form as a browser does: with the session's token, following the redirect.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let token = self.csrf().await;
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw_form(path, &all).await
    }

    /// Posts exactly these fields (no token added).
    pub async fn post_raw_form(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let response = self
            .client
            .post(format!("{}{path}", self.address))
            .form(fields)
            .send()
            .await
            .expect("POST");
        let status = response.status().as_u16();
        (status, response.text().await.expect("a body"))
    }

    /// Books `persons` persons at the first free slot of the first office in Cluj (through
    /// the API) and returns the token of the e-mailed confirmation link.
    pub async fn book(&self, persons: u16, first_cnp: u32) -> String {
        self.book_only(persons, first_cnp).await;
        self.token_from_last_mail("confirma").await
    }

    /// Books through the API; the confirmation e-mail waits in the outbox.
    pub async fn book_only(&self, persons: u16, first_cnp: u32) {
        let offices: Vec<Value> = self
            .get("/api/v1/offices?county=CJ")
            .await
            .json()
            .await
            .unwrap();
        let office_id = offices[0]["id"].as_i64().unwrap();
        let availability: Value = self
            .get(&format!(
                "/api/v1/offices/{office_id}/availability?service=passport_electronic&persons={persons}"
            ))
            .await
            .json()
            .await
            .unwrap();
        let day = &availability["days"][0];
        let companions: Vec<Value> = (1..u32::from(persons))
            .map(|i| json!({"last_name": "Popescu", "first_name": COMPANIONS[i as usize % COMPANIONS.len()], "cnp": cnp(first_cnp + i)}))
            .collect();
        let body = json!({
            "office_id": office_id,
            "service": "passport_electronic",
            "date": day["date"],
            "time": day["slots"][0]["time"],
            "applicant": {"last_name": "Popescu", "first_name": "Ana", "cnp": cnp(first_cnp),
                          "email": "ana.popescu@example.ro"},
            "companions": companions,
            "consent": true
        });
        let response = self
            .client
            .post(format!("{}/api/v1/bookings", self.address))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "the booking is accepted");
    }

    /// Runs the outbox worker once; everything the memory mailbox holds.
    pub async fn deliver(&self) -> Vec<SentMail> {
        jobs::deliver_once(&self.state.service, &self.mailer)
            .await
            .expect("delivering the outbox");
        self.mailer.sent()
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

fn config_for(mail_dir: Option<std::path::PathBuf>) -> Config {
    let mut config = Config {
        listen: "127.0.0.1:0".into(),
        base_url: BASE_URL.into(),
        secret_key: Some(test_secret_key()),
        ..Config::default()
    };
    if let Some(mail_dir) = mail_dir {
        config.mail_dir = mail_dir;
        config.smtp_url = None;
    }
    config
}

/// A client that behaves like a browser: keeps cookies, follows redirects.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("a client")
}

/// Catalogue keys that reached a page unresolved (a missing key shows itself as text).
pub fn unresolved_keys(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for prefix in ["web.", "mail.", "field.", "error."] {
        for (at, _) in html.match_indices(prefix) {
            let before = html[..at].chars().next_back();
            let after = html[at + prefix.len()..].chars().next();
            let starts_word =
                before.is_none_or(|c| !(c.is_alphanumeric() || matches!(c, '-' | '@' | '.' | '/')));
            if starts_word && after.is_some_and(|c| c.is_ascii_lowercase()) {
                let key: String = html[at..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_'))
                    .collect();
                found.push(key);
            }
        }
    }
    found
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
