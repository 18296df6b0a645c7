//! The draw tests' vocabulary: an app with draws on, entry bodies, the e-mailed confirm
//! token, moving the clock to the draw, and a look straight into the database.

use std::ops::Deref;

use chrono::{DateTime, NaiveDate, Utc};
use epasapoarte::ids::OfficeId;
use epasapoarte::jobs;
use epasapoarte::store::PlannedSlot;
use epasapoarte::testing::TestDatabase;
use epasapoarte_domain::schedule::slots_between;
use serde_json::{Value, json};

pub use crate::support::app::{TestApp, cnp};
use crate::support::backends::Fixture;

/// The app with `EPAS_DRAW` on (and rate limits off: the tests post a lot).
pub struct DrawApp(pub TestApp);

impl Deref for DrawApp {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.0
    }
}

impl Fixture for DrawApp {
    async fn start(db: TestDatabase) -> DrawApp {
        DrawApp(
            TestApp::launch(db)
                .config(|config| {
                    config.fair.draw = true;
                    config.rate_limits = false;
                })
                .start()
                .await,
        )
    }
}

/// An entry body: `persons` persons with CNPs from `first_cnp` on.
pub fn entry(offices: &[i64], persons: u32, first_cnp: u32, part_of_day: &str) -> Value {
    let companions: Vec<Value> = (1..persons)
        .map(|i| json!({"last_name": "Ionescu", "first_name": "Maria", "cnp": cnp(first_cnp + i)}))
        .collect();
    json!({
        "office_ids": offices,
        "service": "passport_electronic",
        "applicant": {"last_name": "Ionescu", "first_name": "Ion", "cnp": cnp(first_cnp), "email": "ion.ionescu@example.ro"},
        "companions": companions,
        "part_of_day": part_of_day,
        "wants_waitlist": false,
        "consent": true
    })
}

impl DrawApp {
    pub async fn office_id(&self, county: &str) -> i64 {
        self.office_in(county).await["id"].as_i64().unwrap()
    }

    pub async fn enter(&self, body: &Value) -> reqwest::Response {
        self.post("/api/v1/draw/entries", body).await
    }

    /// Enters and confirms with the e-mailed token; returns the entry's id.
    pub async fn enter_confirmed(&self, body: &Value) -> String {
        let response = self.enter(body).await;
        assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
        let id = response.json::<Value>().await.unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let token = self.draw_token().await;
        let confirmed = self
            .post("/api/v1/draw/entries/confirm", &json!({"token": token}))
            .await;
        assert_eq!(confirmed.status(), 200);
        id
    }

    /// The token of the last e-mailed draw confirm link.
    pub async fn draw_token(&self) -> String {
        let marker = "/tragere/confirma/";
        let mails = self.deliver().await;
        mails
            .iter()
            .rev()
            .find_map(|mail| {
                let start = mail.text.find(marker)? + marker.len();
                Some(
                    mail.text[start..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect(),
                )
            })
            .expect("an e-mail with a draw confirm link")
    }

    /// `GET /api/v1/draw`.
    pub async fn overview(&self) -> Value {
        self.get("/api/v1/draw").await.json().await.unwrap()
    }

    /// The open draw's day and when it runs.
    pub async fn open_draw(&self) -> (NaiveDate, DateTime<Utc>) {
        let body = self.overview().await;
        let date = body["draw_date"].as_str().unwrap().parse().unwrap();
        let at = body["entries_close_at"].as_str().unwrap().parse().unwrap();
        (date, at)
    }

    /// Moves the clock just past the open draw's time and runs the draw job once.
    pub async fn run_draw(&self) -> NaiveDate {
        let (date, at) = self.open_draw().await;
        self.clock.set(at + chrono::Duration::seconds(1));
        jobs::draw_once(&self.state.service).await.unwrap();
        date
    }

    /// Plans `date` at every office with the seats `capacity(county, "HH:MM")` gives
    /// (before the draw, which keeps slots that exist).
    pub async fn plan_day(&self, date: NaiveDate, capacity: impl Fn(&str, &str) -> u16) {
        let store = &self.state.service.store;
        for office in store.offices().await.unwrap() {
            let slots: Vec<PlannedSlot> =
                slots_between(&office.schedule, office.timezone, date, date)
                    .into_iter()
                    .map(|slot| PlannedSlot {
                        date: slot.date,
                        time: slot.time,
                        starts_at: slot.starts_at,
                        capacity: capacity(
                            &office.county_code,
                            &slot.time.format("%H:%M").to_string(),
                        ),
                    })
                    .collect();
            store.plan_slots(office.id, &slots).await.unwrap();
        }
    }

    /// The first slot times of `date` at the office (office-local `HH:MM`).
    pub async fn times(&self, office_id: i64, date: NaiveDate) -> Vec<String> {
        let office = self
            .state
            .service
            .store
            .offices()
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.id == OfficeId(office_id))
            .unwrap();
        slots_between(&office.schedule, office.timezone, date, date)
            .iter()
            .map(|slot| slot.time.format("%H:%M").to_string())
            .collect()
    }

    /// A raw connection to the app's database, for what no endpoint shows.
    pub async fn sql(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        sqlx::AnyPool::connect(self.state.service.config.database_url.expose())
            .await
            .unwrap()
    }
}
