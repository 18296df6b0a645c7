//! The reseller's loop: customers arriving, every e-mail acted on at once, transfers,
//! polls and (in fair mode) draws and waitlists.

use std::collections::VecDeque;
use std::sync::Arc;

use super::book::Placeholder;
use super::{POLL_EVERY, Reseller, email};
use crate::fairness::api;
use crate::fairness::mailbox::Link;
use crate::fairness::paths;
use crate::fairness::population::Customer;

impl Reseller {
    /// Runs until the end of the simulation.
    pub async fn run(self: Arc<Self>, mut customers: Vec<Customer>) {
        customers.sort_by_key(|c| c.arrives);
        let mut arrivals: VecDeque<Customer> = customers.into();
        while !self.world.over() {
            let now = self.world.now();
            {
                let mut book = self.book();
                while arrivals
                    .front()
                    .is_some_and(|c| self.world.start + c.arrives <= now)
                {
                    if let Some(customer) = arrivals.pop_front() {
                        book.waiting.push_back(customer);
                        book.to_come = book.to_come.saturating_sub(1);
                    }
                }
            }
            self.mail();
            self.transfer();
            self.poll().await;
            if self.world.mode == crate::fairness::Mode::Fair {
                self.fair_mode().await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Every e-mail of every address it controls, acted on at once: cancel tokens of the
    /// placeholders, holds taken, reconfirmations.
    fn mail(self: &Arc<Self>) {
        let addresses: Vec<String> = {
            let book = self.book();
            book.placeholders
                .iter()
                .map(|p| p.cnp.clone())
                .chain(book.served.iter().map(|c| c.cnp.clone()))
                .chain(book.waitlisted.iter().cloned())
                .chain(book.waiting.iter().map(|c| c.cnp.clone()))
                .collect()
        };
        for cnp in addresses {
            let address = email(&cnp);
            if let Some(token) = self.world.mailbox.take(&address, Link::Cancel) {
                let mut book = self.book();
                if let Some(p) = book.placeholders.iter_mut().find(|p| p.cnp == cnp) {
                    p.cancel_token = Some(token);
                } else if let Some(at) = book.free_accomplices.iter().position(|a| *a == cnp) {
                    // An accomplice won a draw: a placeholder too.
                    paths::count("reseller: placeholder won in a draw");
                    book.free_accomplices.swap_remove(at);
                    book.placeholders.push(Placeholder {
                        cnp: cnp.clone(),
                        seat: None,
                        cancel_token: Some(token),
                    });
                } else if let Some(at) = book.waiting.iter().position(|c| c.cnp == cnp) {
                    // A draw won or a hold taken for a customer.
                    if let Some(customer) = book.waiting.remove(at) {
                        paths::count("reseller: customer served by mail (draw or hold)");
                        book.served.push(customer);
                    }
                }
            }
            for kind in [
                Link::TakeHold,
                Link::Reconfirm,
                Link::ConfirmEntry,
                Link::ConfirmWaitlist,
            ] {
                if let Some(token) = self.world.mailbox.take(&address, kind) {
                    let path = match kind {
                        Link::TakeHold => "/api/v1/waitlist/take",
                        Link::Reconfirm => "/api/v1/bookings/reconfirm",
                        Link::ConfirmEntry => "/api/v1/draw/entries/confirm",
                        _ => "/api/v1/waitlist/confirm",
                    };
                    let this = self.clone();
                    tokio::spawn(async move {
                        let client = this.client();
                        let answer = api::token(&this.world, &client, path, &token).await;
                        if kind == Link::TakeHold {
                            paths::count(if answer.ok() {
                                "reseller: hold taken"
                            } else {
                                "reseller: hold not taken"
                            });
                        }
                    });
                }
            }
        }
    }
}
