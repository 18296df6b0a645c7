//! Fair mode: entering the day's draw and joining the waitlist, each confirmed from
//! its e-mail.

use chrono::{Days, TimeDelta};
use serde_json::json;

use super::{Agent, local_date, minutes};
use crate::fairness::Mechanism;
use crate::fairness::api;
use crate::fairness::mailbox::Link;
use crate::fairness::paths;

impl Agent {
    /// The offices of a draw entry or a waitlist place: home first, then two more, as
    /// the reseller ranks them for its customers (three) — so the comparison is between
    /// the same choices, one made by a person and one by a script.
    fn offices_ranked(&self) -> Vec<i64> {
        let offices = &self.world.offices;
        let home = offices[self.family.home % offices.len()];
        let mut ranked = vec![home];
        ranked.extend(offices.iter().copied().filter(|o| *o != home).take(2));
        ranked
    }

    pub(super) async fn enter_draw(&mut self) {
        let Some(date) = api::next_draw(&self.world, &self.client).await else {
            return;
        };
        if self.entered == Some(date) {
            return;
        }
        let mut body = api::persons(&self.family.cnps, &self.family.email);
        body["office_ids"] = json!(self.offices_ranked());
        body["part_of_day"] = json!("any");
        body["wants_waitlist"] = json!(self.world.on(Mechanism::Holds));
        let altcha = self.altcha("draw_entry").await;
        let answer = api::post(
            &self.world,
            &self.client,
            "/api/v1/draw/entries",
            body,
            altcha,
        )
        .await;
        if !answer.ok() {
            return;
        }
        self.entered = Some(date);
        self.confirm_when_mailed(Link::ConfirmEntry, "/api/v1/draw/entries/confirm", ENTRY)
            .await;
    }

    pub(super) async fn join_waitlist(&mut self) {
        let today = local_date(self.world.now());
        let mut body = api::persons(&self.family.cnps, &self.family.email);
        body["office_ids"] = json!(self.offices_ranked());
        body["date_from"] = json!((today + Days::new(1)).format("%Y-%m-%d").to_string());
        body["date_to"] = json!((today + Days::new(21)).format("%Y-%m-%d").to_string());
        body["persons"] = json!(self.family.cnps.len());
        let altcha = self.altcha("waitlist").await;
        let answer = api::post(&self.world, &self.client, "/api/v1/waitlist", body, altcha).await;
        if !answer.ok() {
            return;
        }
        self.waitlisted = true;
        self.confirm_when_mailed(Link::ConfirmWaitlist, "/api/v1/waitlist/confirm", WAITLIST)
            .await;
    }

    /// Waits (up to 3½ simulated hours) for the e-mailed link of `kind`, clicks it a few
    /// minutes after it lands, and counts what happened under `labels` (confirmed,
    /// refused, not seen).
    async fn confirm_when_mailed(&mut self, kind: Link, path: &str, labels: [&'static str; 3]) {
        let Some(token) = self.wait_for(kind, TimeDelta::minutes(210)).await else {
            paths::count(labels[2]);
            return;
        };
        let pause = minutes(&mut self.rng, 1, 15);
        self.world.sleep(pause).await;
        let answer = api::token(&self.world, &self.client, path, &token).await;
        paths::count(if answer.ok() { labels[0] } else { labels[1] });
    }
}

const ENTRY: [&str; 3] = [
    "people: entry confirmed",
    "people: entry confirm refused",
    "people: entry e-mail not seen within 210 min",
];
const WAITLIST: [&str; 3] = [
    "people: waitlist confirmed",
    "people: waitlist confirm refused",
    "people: waitlist e-mail not seen within 210 min",
];
