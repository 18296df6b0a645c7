//! Reading the mail: confirmations, holds taken, links waited for, naps between.

use chrono::TimeDelta;

use super::{Agent, minutes};
use crate::fairness::api;
use crate::fairness::mailbox::Link;
use crate::fairness::paths;

impl Agent {
    /// Reads the mail: a confirmation (a draw won, a hold taken elsewhere), a hold, or a
    /// draw entry's or waitlist place's confirmation link that came after the family
    /// stopped watching for it (clicked now; the server says whether it is still good).
    pub(super) async fn read_mail(&mut self) {
        let email = self.email();
        for (kind, path, label) in [
            (
                Link::ConfirmEntry,
                "/api/v1/draw/entries/confirm",
                "people: late entry link clicked",
            ),
            (
                Link::ConfirmWaitlist,
                "/api/v1/waitlist/confirm",
                "people: late waitlist link clicked",
            ),
        ] {
            if let Some(token) = self.world.mailbox.take(&email, kind) {
                let pause = minutes(&mut self.rng, 1, 15);
                self.world.sleep(pause).await;
                if api::token(&self.world, &self.client, path, &token)
                    .await
                    .ok()
                {
                    paths::count(label);
                }
            }
        }
        if let Some(token) = self.world.mailbox.take(&email, Link::Cancel) {
            paths::count("people: served by mail (a draw won)");
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
                paths::count("people: hold taken");
                self.confirmed = true;
            } else {
                paths::count("people: hold not taken (too late)");
            }
        }
    }

    /// Naps `span`, reading the mail every half hour or so.
    pub(super) async fn nap(&mut self, span: TimeDelta) {
        let until = self.world.now() + span;
        while !self.world.over() && self.world.now() < until && !self.confirmed {
            let chunk = minutes(&mut self.rng, 20, 60).min(until - self.world.now());
            self.world.sleep(chunk).await;
            self.read_mail().await;
        }
    }

    /// Waits (checking every simulated minute) for a link of `kind`.
    pub(super) async fn wait_for(&mut self, kind: Link, longest: TimeDelta) -> Option<String> {
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
}
