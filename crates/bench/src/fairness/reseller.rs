//! The reseller: 1,000 paying customers (their real CNPs) arriving over the days, 1,000
//! source addresses, a reaction of 50 ms, availability polled as fast as it is allowed,
//! proof of work solved 100× faster than a phone, every e-mail confirmed at once. It
//! grabs seats for waiting customers; with none waiting it books placeholders under
//! accomplice CNPs and "transfers" them when a customer pays: cancel the placeholder,
//! rebook the same time at once for the customer. In fair mode it also enters every
//! draw and waitlist for its customers and takes every hold at once.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{Days, NaiveDate, TimeDelta};
use serde_json::json;

use super::Mechanism;
use super::api::{self, Free};
use super::mailbox::Link;
use super::metrics::Group;
use super::people::local_date;
use super::population::Customer;
use super::world::{self, Source, World};

/// How long the reseller waits between two polls of every office (real time).
pub const POLL_EVERY: Duration = Duration::from_millis(3);
/// Its reaction time (simulated).
pub const REACTION: TimeDelta = TimeDelta::milliseconds(50);
/// It solves proof of work this much faster than a phone.
pub const POW_SPEED: f64 = 100.0;
/// How long (real time) a slot that answered `slot_full` is left alone.
const FULL_FOR: Duration = Duration::from_millis(1_200);
/// Requests in flight at most (a script's worker pool).
const IN_FLIGHT: usize = 64;

#[derive(Debug, Clone)]
struct Placeholder {
    cnp: String,
    /// Unknown for a seat won in a draw (the reseller does not read the .ics).
    seat: Option<Free>,
    cancel_token: Option<String>,
}

#[derive(Default)]
struct Book {
    waiting: VecDeque<Customer>,
    /// Customers with a request in flight, by CNP.
    busy: HashMap<String, Customer>,
    served: Vec<Customer>,
    free_accomplices: Vec<String>,
    placeholders: Vec<Placeholder>,
    /// Customers still to come (placeholders are only worth that many).
    to_come: usize,
    entered: Option<NaiveDate>,
    waitlisted: Vec<String>,
}

pub struct Reseller {
    world: Arc<World>,
    clients: Vec<reqwest::Client>,
    next_client: AtomicUsize,
    book: Mutex<Book>,
    in_flight: AtomicUsize,
    /// Times that answered `slot_full` lately: the public availability lags a little
    /// (a cache of about a second), and a script learns not to hammer a full slot.
    full: Mutex<HashMap<(i64, NaiveDate, String), std::time::Instant>>,
    pub transfers_attempted: AtomicU64,
    pub transfers_succeeded: AtomicU64,
}

fn email(cnp: &str) -> String {
    format!("client.{cnp}@example.com")
}

impl Reseller {
    pub fn new(
        world: Arc<World>,
        customers: usize,
        accomplices: Vec<String>,
        ips: usize,
    ) -> anyhow::Result<Reseller> {
        let clients = (0..ips.max(1))
            .map(|n| world::client(Source::Reseller(n)))
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Reseller {
            world,
            clients,
            next_client: AtomicUsize::new(0),
            book: Mutex::new(Book {
                free_accomplices: accomplices,
                to_come: customers,
                ..Book::default()
            }),
            in_flight: AtomicUsize::new(0),
            full: Mutex::new(HashMap::new()),
            transfers_attempted: AtomicU64::new(0),
            transfers_succeeded: AtomicU64::new(0),
        })
    }

    fn client(&self) -> reqwest::Client {
        let n = self.next_client.fetch_add(1, Ordering::Relaxed);
        self.clients[n % self.clients.len()].clone()
    }

    fn book(&self) -> std::sync::MutexGuard<'_, Book> {
        self.book.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The customers' result: served ÷ all.
    pub fn result(&self, customers: usize) -> Group {
        let served = self.book().served.len() as u64;
        Group {
            entities: customers as u64,
            succeeded: served,
        }
    }

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
            if self.world.mode == super::Mode::Fair {
                self.fair_mode().await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    async fn altcha(&self, client: &reqwest::Client) -> Option<String> {
        if !self.world.on(Mechanism::Pow) {
            return None;
        }
        let solved = api::solve(client, &self.world, POW_SPEED).await?;
        Some(solved.altcha)
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
                    book.free_accomplices.swap_remove(at);
                    book.placeholders.push(Placeholder {
                        cnp: cnp.clone(),
                        seat: None,
                        cancel_token: Some(token),
                    });
                } else if let Some(at) = book.waiting.iter().position(|c| c.cnp == cnp) {
                    // A draw won or a hold taken for a customer.
                    if let Some(customer) = book.waiting.remove(at) {
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
                        api::token(&this.world, &client, path, &token).await;
                    });
                }
            }
        }
    }

    /// A waiting customer and a confirmed placeholder: cancel, rebook at once.
    fn transfer(self: &Arc<Self>) {
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
                    this.transfers_succeeded.fetch_add(1, Ordering::Relaxed);
                }
                this.settle(&customer, ok);
            });
        }
    }

    fn settle(&self, customer: &Customer, ok: bool) {
        let mut book = self.book();
        book.busy.remove(&customer.cnp);
        if ok {
            book.served.push(customer.clone());
        } else {
            book.waiting.push_front(customer.clone());
        }
    }

    /// Books `seat` for `cnp` and confirms as soon as the e-mail lands.
    async fn book_for(&self, client: &reqwest::Client, cnp: &str, seat: &Free) -> bool {
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
        let altcha = self.altcha(client).await;
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

    /// The earliest free seat anywhere (to rebook a seat whose time it does not know).
    async fn any_free_seat(&self, client: &reqwest::Client) -> Option<Free> {
        let today = local_date(self.world.now());
        let mut free = Vec::new();
        for &office in &self.world.offices {
            free.extend(api::availability(&self.world, client, office, 1, today).await);
        }
        free.into_iter()
            .min_by(|a, b| (a.date, &a.time).cmp(&(b.date, &b.time)))
    }

    /// Polls every office and sends a request for every free seat it can use.
    async fn poll(self: &Arc<Self>) {
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
                        Some(customer) => this.settle(&customer, ok),
                        None => {
                            let mut book = this.book();
                            if ok {
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

    /// Fair mode: every waiting customer (and spare accomplices) in the next draw, every
    /// waiting customer on the waitlist.
    async fn fair_mode(self: &Arc<Self>) {
        let client = self.client();
        if self.world.on(Mechanism::Draw)
            && let Some(date) = api::next_draw(&self.world, &client).await
            && self.book().entered != Some(date)
        {
            let entrants: Vec<String> = {
                let mut book = self.book();
                book.entered = Some(date);
                let spare = book.to_come.min(book.free_accomplices.len());
                book.waiting
                    .iter()
                    .map(|c| c.cnp.clone())
                    .chain(book.free_accomplices.iter().take(spare).cloned())
                    .collect()
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
                    let altcha = this.altcha(&client).await;
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
                    let altcha = this.altcha(&client).await;
                    api::post(&this.world, &client, "/api/v1/waitlist", body, altcha).await;
                });
            }
        }
    }
}
