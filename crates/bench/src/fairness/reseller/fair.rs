//! Fair mode: the reseller's customers (and spare accomplices) in every draw and on
//! the waitlist.

use std::sync::Arc;

use chrono::Days;
use serde_json::json;

use super::{Reseller, email};
use crate::fairness::Mechanism;
use crate::fairness::api;
use crate::fairness::people::local_date;

impl Reseller {
    /// Fair mode: every waiting customer (and spare accomplices) in the next draw, every
    /// waiting customer on the waitlist.
    pub(super) async fn fair_mode(self: &Arc<Self>) {
        let client = self.client();
        if self.world.on(Mechanism::Draw)
            && let Some(date) = api::next_draw(&self.world, &client).await
        {
            // Every waiting customer not yet in this draw (one who paid since the last
            // look is entered at once), and spare accomplices once per draw.
            let entrants: Vec<String> = {
                let mut book = self.book();
                let mut entrants: Vec<String> = book
                    .waiting
                    .iter()
                    .map(|c| c.cnp.clone())
                    .filter(|cnp| book.drawn.get(cnp) != Some(&date))
                    .collect();
                if book.entered != Some(date) {
                    book.entered = Some(date);
                    let spare = book.to_come.min(book.free_accomplices.len());
                    entrants.extend(book.free_accomplices.iter().take(spare).cloned());
                }
                for cnp in &entrants {
                    book.drawn.insert(cnp.clone(), date);
                }
                entrants
            };
            for cnp in entrants {
                let this = self.clone();
                tokio::spawn(async move {
                    let client = this.client();
                    let address = email(&cnp);
                    let mut body = api::persons(std::slice::from_ref(&cnp), &address);
                    body["office_ids"] =
                        json!(this.world.offices.iter().take(3).collect::<Vec<_>>());
                    body["part_of_day"] = json!("any");
                    body["wants_waitlist"] = json!(this.world.on(Mechanism::Holds));
                    let altcha = this.altcha(&client, "draw_entry").await;
                    api::post(&this.world, &client, "/api/v1/draw/entries", body, altcha).await;
                    this.book().waitlisted.push(cnp);
                });
            }
        }
        if self.world.on(Mechanism::Holds) {
            let joining: Vec<String> = {
                let mut book = self.book();
                let fresh: Vec<String> = book
                    .waiting
                    .iter()
                    .map(|c| c.cnp.clone())
                    .filter(|cnp| !book.waitlisted.contains(cnp))
                    .collect();
                book.waitlisted.extend(fresh.iter().cloned());
                fresh
            };
            let today = local_date(self.world.now());
            for cnp in joining {
                let this = self.clone();
                tokio::spawn(async move {
                    let client = this.client();
                    let address = email(&cnp);
                    let mut body = api::persons(&[cnp], &address);
                    body["office_ids"] =
                        json!(this.world.offices.iter().take(3).collect::<Vec<_>>());
                    body["date_from"] =
                        json!((today + Days::new(1)).format("%Y-%m-%d").to_string());
                    body["date_to"] = json!((today + Days::new(21)).format("%Y-%m-%d").to_string());
                    body["persons"] = json!(1);
                    let altcha = this.altcha(&client, "waitlist").await;
                    api::post(&this.world, &client, "/api/v1/waitlist", body, altcha).await;
                });
            }
        }
    }
}
