//! The API tests' vocabulary on top of the shared [`TestApp`]: complete booking bodies,
//! `POST /api/v1/bookings`, and the free seats of a slot read straight from the store.

use epasapoarte::ids::OfficeId;
use serde_json::{Value, json};

pub use crate::support::app::{TestApp, cnp};

impl TestApp {
    /// A complete, valid booking body for `persons` persons with CNPs from `first_cnp` on.
    pub async fn booking_body(&self, persons: u16, first_cnp: u32) -> Value {
        let office = self.office_in("CJ").await;
        let office_id = office["id"].as_i64().unwrap();
        let (date, time) = self.free_slot(office_id, persons).await;
        booking_at(office_id, &date, &time, persons, first_cnp)
    }

    /// [`Self::booking_body`] on the first day after today with room: for a test that
    /// moves the clock, a slot later today could pass while it runs.
    pub async fn booking_body_after_today(&self, persons: u16, first_cnp: u32) -> Value {
        let office = self.office_in("CJ").await;
        let office_id = office["id"].as_i64().unwrap();
        let body: Value = self
            .get(&format!(
                "/api/v1/offices/{office_id}/availability?service=passport_electronic&persons={persons}"
            ))
            .await
            .json()
            .await
            .unwrap();
        let today = self.state.service.today_in_romania().to_string();
        let day = body["days"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["date"].as_str().unwrap() > today.as_str())
            .expect("a free day after today");
        booking_at(
            office_id,
            day["date"].as_str().unwrap(),
            day["slots"][0]["time"].as_str().unwrap(),
            persons,
            first_cnp,
        )
    }

    pub async fn book(&self, body: &Value) -> reqwest::Response {
        self.post("/api/v1/bookings", body).await
    }

    /// Free seats of one slot, read straight from the store (not the cache).
    pub async fn free_seats(&self, office_id: i64, date: &str, time: &str) -> u16 {
        let now = self.now();
        let seats = self
            .state
            .service
            .store
            .slots(
                OfficeId(office_id),
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
