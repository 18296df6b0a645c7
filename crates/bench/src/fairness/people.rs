//! An ordinary family: arrives at a human hour, looks at its office's free times, fills
//! the form in minutes, reads its mail a few times a day and clicks the links within
//! minutes to hours. A quarter are night owls who know a new day opens at midnight. In
//! fair mode they also enter the day's draw (with the waitlist ticked), join the
//! waitlist when nothing suits, take holds and reconfirm. Some cancel later (plans
//! change): that is where freed seats come from.

use std::sync::Arc;

use chrono::{DateTime, Days, NaiveDate, TimeDelta, Timelike, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

use super::Mechanism;
use super::api::{self, Free};
use super::mailbox::Link;
use super::metrics::Tally;
use super::population::Family;
use super::world::World;

/// The people's counters, by the groups the ratios compare.
#[derive(Debug, Default)]
pub struct PeopleTallies {
    pub all: Tally,
    pub no_js: Tally,
    pub shared_ip: Tally,
    pub families: Tally,
}

impl PeopleTallies {
    fn count(&self, family: &Family, succeeded: bool) {
        self.all.count(succeeded);
        if family.no_js {
            self.no_js.count(succeeded);
        }
        if family.behind_nat() {
            self.shared_ip.count(succeeded);
        }
        if family.cnps.len() > 1 {
            self.families.count(succeeded);
        }
    }
}

fn minutes(rng: &mut StdRng, from: i64, to: i64) -> TimeDelta {
    TimeDelta::seconds(rng.gen_range(from * 60..=to * 60))
}

/// Office-local date of a UTC instant (UTC+2 in winter, the simulated weeks).
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    (at + TimeDelta::hours(2)).date_naive()
}

struct Agent {
    world: Arc<World>,
    family: Family,
    client: reqwest::Client,
    rng: StdRng,
    confirmed: bool,
    cancel_token: Option<String>,
    entered: Option<NaiveDate>,
    waitlisted: bool,
}

/// Lives one family's story until it has an appointment or the simulation ends.
pub async fn live(
    world: Arc<World>,
    family: Family,
    client: reqwest::Client,
    seed: u64,
    tallies: Arc<PeopleTallies>,
) {
    world.sleep_until(world.start + family.arrives).await;
    let mut agent = Agent {
        rng: StdRng::seed_from_u64(seed),
        world,
        family,
        client,
        confirmed: false,
        cancel_token: None,
        entered: None,
        waitlisted: false,
    };
    agent.seek().await;
    let succeeded = agent.after().await;
    tallies.count(&agent.family, succeeded);
}

impl Agent {
    fn email(&self) -> String {
        self.family.email.clone()
    }

    /// Reads the mail: a confirmation (a draw won, a hold taken elsewhere) or a hold.
    async fn read_mail(&mut self) {
        let email = self.email();
        if let Some(token) = self.world.mailbox.take(&email, Link::Cancel) {
            self.cancel_token = Some(token);
            self.confirmed = true;
        }
        if !self.confirmed
            && let Some(token) = self.world.mailbox.take(&email, Link::TakeHold)
        {
            let pause = minutes(&mut self.rng, 5, 90);
            self.world.sleep(pause).await;
            let taken =
                api::token(&self.world, &self.client, "/api/v1/waitlist/take", &token).await;
            if taken.ok() {
                self.confirmed = true;
            }
        }
    }

    /// Naps `span`, reading the mail every half hour or so.
    async fn nap(&mut self, span: TimeDelta) {
        let until = self.world.now() + span;
        while !self.world.over() && self.world.now() < until && !self.confirmed {
            let chunk = minutes(&mut self.rng, 20, 60).min(until - self.world.now());
            self.world.sleep(chunk).await;
            self.read_mail().await;
        }
    }

    async fn seek(&mut self) {
        while !self.world.over() && !self.confirmed {
            self.read_mail().await;
            if self.confirmed {
                break;
            }
            if let Some(seat) = self.look().await {
                let fill = minutes(&mut self.rng, 3, 10);
                self.world.sleep(fill).await;
                if self.book(&seat).await {
                    break;
                }
                // Taken meanwhile: back to the list of times, a little later.
                let again = minutes(&mut self.rng, 5, 20);
                self.world.sleep(again).await;
                continue;
            }
            if self.world.on(Mechanism::Draw) {
                self.enter_draw().await;
            }
            if self.world.on(Mechanism::Holds) && !self.waitlisted {
                self.join_waitlist().await;
            }
            let next = self.next_look();
            self.nap(next - self.world.now()).await;
        }
    }

    /// When to look again: night owls at the next midnight, others in a few hours
    /// (never at night).
    fn next_look(&mut self) -> DateTime<Utc> {
        let now = self.world.now();
        if self.family.night_owl && !self.world.on(Mechanism::Draw) {
            let local = now + TimeDelta::hours(2);
            let midnight = local
                .date_naive()
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default()
                .and_utc()
                + TimeDelta::days(1)
                - TimeDelta::hours(2);
            return midnight + minutes(&mut self.rng, 0, 15);
        }
        let mut at = now + minutes(&mut self.rng, 120, 480);
        let hour = (at.hour() + 2) % 24;
        if hour < 7 {
            at += TimeDelta::hours(i64::from(7 - hour)) + minutes(&mut self.rng, 0, 120);
        }
        at
    }

    /// The earliest free time at the home office (and, one time in two, at another).
    async fn look(&mut self) -> Option<Free> {
        let today = local_date(self.world.now());
        let offices = self.world.offices.clone();
        let home = offices[self.family.home % offices.len()];
        let size = self.family.cnps.len();
        let mut free = api::availability(&self.world, &self.client, home, size, today).await;
        if self.rng.gen_bool(0.5) {
            let other = offices[self.rng.gen_range(0..offices.len())];
            if other != home {
                free.extend(api::availability(&self.world, &self.client, other, size, today).await);
            }
        }
        free.into_iter()
            .min_by(|a, b| (a.date, &a.time).cmp(&(b.date, &b.time)))
    }

    async fn altcha(&mut self) -> Option<String> {
        if !self.world.on(Mechanism::Pow) {
            return None;
        }
        if self.family.no_js {
            // The form's signed ticket: accepted after a minimum time since it was served
            // (modelled as that wait; the agent speaks JSON, so it solves too).
            self.world.sleep(TimeDelta::seconds(15)).await;
        }
        let solved = api::solve(&self.client, &self.world, 1.0).await?;
        self.world.sleep(solved.device_time).await;
        Some(solved.altcha)
    }

    /// Books `seat`, waits for the e-mail and confirms it within minutes.
    async fn book(&mut self, seat: &Free) -> bool {
        let mut body = api::persons(&self.family.cnps, &self.family.email);
        body["office_id"] = json!(seat.office_id);
        body["date"] = json!(seat.date.format("%Y-%m-%d").to_string());
        body["time"] = json!(seat.time);
        let altcha = self.altcha().await;
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

    /// Waits (checking every simulated minute) for a link of `kind`.
    async fn wait_for(&mut self, kind: Link, longest: TimeDelta) -> Option<String> {
        let until = self.world.now() + longest;
        let email = self.email();
        while self.world.now() < until && !self.world.over() {
            if let Some(token) = self.world.mailbox.take(&email, kind) {
                return Some(token);
            }
            self.world.sleep(TimeDelta::minutes(1)).await;
        }
        None
    }

    fn offices_ranked(&mut self) -> Vec<i64> {
        let offices = &self.world.offices;
        let home = offices[self.family.home % offices.len()];
        let mut ranked = vec![home];
        if self.rng.gen_bool(0.5) {
            ranked.extend(offices.iter().copied().filter(|o| *o != home).take(2));
        }
        ranked
    }

    async fn enter_draw(&mut self) {
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
        let altcha = self.altcha().await;
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
        if let Some(token) = self
            .wait_for(Link::ConfirmEntry, TimeDelta::minutes(210))
            .await
        {
            let pause = minutes(&mut self.rng, 1, 15);
            self.world.sleep(pause).await;
            api::token(
                &self.world,
                &self.client,
                "/api/v1/draw/entries/confirm",
                &token,
            )
            .await;
        }
    }

    async fn join_waitlist(&mut self) {
        let today = local_date(self.world.now());
        let mut body = api::persons(&self.family.cnps, &self.family.email);
        body["office_ids"] = json!(self.offices_ranked());
        body["date_from"] = json!((today + Days::new(1)).format("%Y-%m-%d").to_string());
        body["date_to"] = json!((today + Days::new(21)).format("%Y-%m-%d").to_string());
        body["persons"] = json!(self.family.cnps.len());
        let altcha = self.altcha().await;
        let answer = api::post(&self.world, &self.client, "/api/v1/waitlist", body, altcha).await;
        if !answer.ok() {
            return;
        }
        self.waitlisted = true;
        if let Some(token) = self
            .wait_for(Link::ConfirmWaitlist, TimeDelta::minutes(210))
            .await
        {
            let pause = minutes(&mut self.rng, 1, 15);
            self.world.sleep(pause).await;
            api::token(
                &self.world,
                &self.client,
                "/api/v1/waitlist/confirm",
                &token,
            )
            .await;
        }
    }

    /// After the booking: some cancel (their seat goes back), all reconfirm when asked
    /// (but 3% forget). Returns whether the family still has its appointment.
    async fn after(&mut self) -> bool {
        if !self.confirmed {
            return false;
        }
        let mut cancel_at = None;
        if self.family.cancels {
            cancel_at = Some(self.world.now() + minutes(&mut self.rng, 6 * 60, 48 * 60));
        }
        let email = self.email();
        while !self.world.over() {
            if self.cancel_token.is_none() {
                self.cancel_token = self.world.mailbox.take(&email, Link::Cancel);
            }
            if let (Some(at), Some(token)) = (cancel_at, self.cancel_token.clone())
                && self.world.now() >= at
            {
                api::token(&self.world, &self.client, "/api/v1/bookings/cancel", &token).await;
                // It had its appointment and gave it up: counted as served.
                return true;
            }
            if let Some(token) = self.world.mailbox.take(&email, Link::Reconfirm) {
                if self.rng.gen_bool(0.03) {
                    return false;
                }
                let pause = minutes(&mut self.rng, 30, 8 * 60);
                self.world.sleep(pause).await;
                api::token(
                    &self.world,
                    &self.client,
                    "/api/v1/bookings/reconfirm",
                    &token,
                )
                .await;
            }
            if cancel_at.is_none() && !self.world.on(Mechanism::Reconfirm) {
                return true;
            }
            self.world.sleep(minutes(&mut self.rng, 30, 120)).await;
        }
        true
    }
}
