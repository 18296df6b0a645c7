//! Polling every office and sending a request for every free seat the reseller can use.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::book::Placeholder;
use super::{FULL_FOR, IN_FLIGHT, Reseller};
use crate::fairness::api::{self, Free};
use crate::fairness::paths;
use crate::fairness::people::local_date;

impl Reseller {
    /// The earliest free seat anywhere (to rebook a seat whose time it does not know).
    pub(super) async fn any_free_seat(&self, client: &reqwest::Client) -> Option<Free> {
        let today = local_date(self.world.now());
        let mut free = Vec::new();
        for &office in &self.world.offices {
            free.extend(api::availability(&self.world, client, office, 1, today).await);
        }
        free.into_iter()
            .min_by(|a, b| (a.date, &a.time).cmp(&(b.date, &b.time)))
    }

    /// Polls every office and sends a request for every free seat it can use.
    pub(super) async fn poll(self: &Arc<Self>) {
        let today = local_date(self.world.now());
        let mut free = Vec::new();
        for &office in &self.world.offices {
            let client = self.client();
            free.extend(api::availability(&self.world, &client, office, 1, today).await);
        }
        {
            let mut full = self.full.lock().unwrap_or_else(|p| p.into_inner());
            full.retain(|_, at| at.elapsed() < FULL_FOR);
            free.retain(|seat| !full.contains_key(&(seat.office_id, seat.date, seat.time.clone())));
        }
        for seat in free {
            for _ in 0..seat.free {
                if self.in_flight.load(Ordering::Relaxed) >= IN_FLIGHT {
                    return;
                }
                let who = {
                    let mut book = self.book();
                    if let Some(customer) = book.waiting.pop_front() {
                        book.busy.insert(customer.cnp.clone(), customer.clone());
                        Some((customer.cnp.clone(), Some(customer)))
                    } else if book.placeholders.len() < book.to_come {
                        book.free_accomplices.pop().map(|cnp| (cnp, None))
                    } else {
                        None
                    }
                };
                let Some((cnp, customer)) = who else {
                    return;
                };
                self.in_flight.fetch_add(1, Ordering::Relaxed);
                let (this, seat) = (self.clone(), seat.clone());
                tokio::spawn(async move {
                    let client = this.client();
                    let ok = this.book_for(&client, &cnp, &seat).await;
                    match customer {
                        Some(customer) => {
                            if ok {
                                paths::count("reseller: customer booked from the list");
                            }
                            this.settle(&customer, ok)
                        }
                        None => {
                            let mut book = this.book();
                            if ok {
                                paths::count("reseller: placeholder booked from the list");
                                book.placeholders.push(Placeholder {
                                    cnp,
                                    seat: Some(seat),
                                    cancel_token: None,
                                });
                            } else {
                                book.free_accomplices.push(cnp);
                            }
                        }
                    }
                    this.in_flight.fetch_sub(1, Ordering::Relaxed);
                });
            }
        }
    }
}
