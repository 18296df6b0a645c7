//! Transfers: a placeholder cancelled and the same time rebooked at once for a paying
//! customer, and booking a seat for a CNP.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use chrono::TimeDelta;
use serde_json::json;

use super::{REACTION, Reseller, email};
use crate::fairness::api::{self, Free};
use crate::fairness::mailbox::Link;
use crate::fairness::paths;
use crate::fairness::population::Customer;

impl Reseller {
    /// A waiting customer and a confirmed placeholder: cancel, rebook at once.
    pub(super) fn transfer(self: &Arc<Self>) {
        loop {
            let (customer, placeholder) = {
                let mut book = self.book();
                let Some(at) = book
                    .placeholders
                    .iter()
                    .position(|p| p.cancel_token.is_some())
                else {
                    return;
                };
                let Some(customer) = book.waiting.pop_front() else {
                    return;
                };
                let placeholder = book.placeholders.swap_remove(at);
                book.busy.insert(customer.cnp.clone(), customer.clone());
                (customer, placeholder)
            };
            self.transfers_attempted.fetch_add(1, Ordering::Relaxed);
            let this = self.clone();
            tokio::spawn(async move {
                let client = this.client();
                let token = placeholder.cancel_token.clone().unwrap_or_default();
                api::token(&this.world, &client, "/api/v1/bookings/cancel", &token).await;
                this.book().free_accomplices.push(placeholder.cnp.clone());
                let seat = match placeholder.seat.clone() {
                    Some(seat) => Some(seat),
                    None => this.any_free_seat(&client).await,
                };
                let ok = match seat {
                    Some(seat) => this.book_for(&client, &customer.cnp, &seat).await,
                    None => false,
                };
                if ok {
                    paths::count("reseller: transfer landed");
                    this.transfers_succeeded.fetch_add(1, Ordering::Relaxed);
                }
                this.settle(&customer, ok);
            });
        }
    }

    pub(super) fn settle(&self, customer: &Customer, ok: bool) {
        let mut book = self.book();
        book.busy.remove(&customer.cnp);
        if ok {
            book.served.push(customer.clone());
        } else {
            book.waiting.push_front(customer.clone());
        }
    }

    /// Books `seat` for `cnp` and confirms as soon as the e-mail lands.
    pub(super) async fn book_for(&self, client: &reqwest::Client, cnp: &str, seat: &Free) -> bool {
        let address = email(cnp);
        // A link of an earlier attempt (expired) must not be taken for this one.
        while self
            .world
            .mailbox
            .take(&address, Link::ConfirmBooking)
            .is_some()
        {}
        let mut body = api::persons(&[cnp.to_owned()], &address);
        body["office_id"] = json!(seat.office_id);
        body["date"] = json!(seat.date.format("%Y-%m-%d").to_string());
        body["time"] = json!(seat.time);
        let altcha = self.altcha(client, "booking").await;
        let created = api::post(&self.world, client, "/api/v1/bookings", body, altcha).await;
        if !created.ok() {
            if created.status == reqwest::StatusCode::CONFLICT {
                self.full.lock().unwrap_or_else(|p| p.into_inner()).insert(
                    (seat.office_id, seat.date, seat.time.clone()),
                    std::time::Instant::now(),
                );
            }
            return false;
        }
        let until = self.world.now() + TimeDelta::minutes(210);
        while self.world.now() < until && !self.world.over() {
            if let Some(token) = self.world.mailbox.take(&address, Link::ConfirmBooking) {
                self.world.sleep(REACTION).await;
                return api::token(&self.world, client, "/api/v1/bookings/confirm", &token)
                    .await
                    .ok();
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        false
    }
}
