//! After the booking: cancelling (plans change) and reconfirming when asked.

use rand::Rng;

use super::{Agent, minutes};
use crate::fairness::Mechanism;
use crate::fairness::api;
use crate::fairness::mailbox::Link;
use crate::fairness::paths;

impl Agent {
    /// After the booking: some cancel (their seat goes back), all reconfirm when asked
    /// (but 3% forget). Returns whether the family still has its appointment.
    pub(super) async fn after(&mut self) -> bool {
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
                    paths::count("people: forgot to reconfirm");
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
