//! Seeking an appointment: looking at the free times, booking, entering the draw and
//! the waitlist, napping until the next look.

use chrono::{DateTime, TimeDelta, Timelike, Utc};
use rand::Rng;

use super::{Agent, local_date, minutes};
use crate::fairness::Mechanism;
use crate::fairness::api::{self, Free};
use crate::fairness::paths;

impl Agent {
    pub(super) async fn seek(&mut self) {
        while !self.world.over() && !self.confirmed {
            self.read_mail().await;
            if self.confirmed {
                break;
            }
            if let Some(seat) = self.look().await {
                let fill = minutes(&mut self.rng, 3, 10);
                self.world.sleep(fill).await;
                if self.book(&seat).await {
                    paths::count("people: booked from the list");
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
}
