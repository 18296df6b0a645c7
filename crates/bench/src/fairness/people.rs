//! An ordinary family: arrives at a human hour, looks at its office's free times, fills
//! the form in minutes, reads its mail a few times a day and clicks the links within
//! minutes to hours. A quarter are night owls who know a new day opens at midnight. In
//! fair mode they also enter the day's draw (with the waitlist ticked), join the
//! waitlist when nothing suits, take holds and reconfirm. Some cancel later (plans
//! change): that is where freed seats come from.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::Mechanism;
use super::api;
use super::mailbox;
use super::population::Family;
use super::world::World;

mod after;
mod book;
mod fair;
mod mail;
mod seek;
mod tallies;

pub use tallies::PeopleTallies;

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
    let mut succeeded = agent.after().await;
    if !succeeded && !agent.confirmed {
        // A booking confirmed before the end (a draw won, say) whose e-mail was still on
        // its way: the seat is the family's all the same.
        agent.world.mail_drained().await;
        succeeded = agent
            .world
            .mailbox
            .take(&agent.email(), mailbox::Link::Cancel)
            .is_some();
        if succeeded {
            super::paths::count("people: served, e-mail read after the end");
        }
    }
    tallies.count(&agent.family, succeeded);
}

impl Agent {
    fn email(&self) -> String {
        self.family.email.clone()
    }

    /// A solved challenge for `form` (`booking`, `draw_entry`, `waitlist`).
    async fn altcha(&mut self, form: &str) -> Option<String> {
        if !self.world.on(Mechanism::Pow) {
            return None;
        }
        if self.family.no_js {
            // The form's signed ticket: accepted after a minimum time since it was served
            // (modelled as that wait; the agent speaks JSON, so it solves too).
            self.world.sleep(TimeDelta::seconds(15)).await;
        }
        let solved = api::solve(&self.client, &self.world, 1.0, form).await?;
        self.world.sleep(solved.device_time).await;
        Some(solved.altcha)
    }
}
