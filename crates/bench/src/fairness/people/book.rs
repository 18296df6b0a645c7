//! Booking a seat and confirming it from the e-mail within minutes.

use chrono::TimeDelta;
use serde_json::json;

use super::{Agent, minutes};
use crate::fairness::api::{self, Free};
use crate::fairness::mailbox::Link;

impl Agent {
    /// Books `seat`, waits for the e-mail and confirms it within minutes.
    pub(super) async fn book(&mut self, seat: &Free) -> bool {
        let mut body = api::persons(&self.family.cnps, &self.family.email);
        body["office_id"] = json!(seat.office_id);
        body["date"] = json!(seat.date.format("%Y-%m-%d").to_string());
        body["time"] = json!(seat.time);
        let altcha = self.altcha("booking").await;
        while self
            .world
            .mailbox
            .take(&self.family.email, Link::ConfirmBooking)
            .is_some()
        {}
        let created = api::post(&self.world, &self.client, "/api/v1/bookings", body, altcha).await;
        if !created.ok() {
            return false;
        }
        let Some(token) = self
            .wait_for(Link::ConfirmBooking, TimeDelta::minutes(210))
            .await
        else {
            return false;
        };
        let pause = minutes(&mut self.rng, 1, 12);
        self.world.sleep(pause).await;
        let confirmed = api::token(
            &self.world,
            &self.client,
            "/api/v1/bookings/confirm",
            &token,
        )
        .await;
        self.confirmed = confirmed.ok();
        self.confirmed
    }
}
