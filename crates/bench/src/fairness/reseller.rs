//! The reseller: 1,000 paying customers (their real CNPs) arriving over the days, 1,000
//! source addresses, a reaction of 50 ms, availability polled as fast as it is allowed,
//! proof of work solved 100× faster than a phone, every e-mail confirmed at once. It
//! grabs seats for waiting customers; with none waiting it books placeholders under
//! accomplice CNPs and "transfers" them when a customer pays: cancel the placeholder,
//! rebook the same time at once for the customer. In fair mode it also enters every
//! draw and waitlist for its customers and takes every hold at once.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{NaiveDate, TimeDelta};

use super::Mechanism;
use super::api;
use super::metrics::Group;
use super::world::{self, Source, World};

mod book;
mod fair;
mod poll;
mod run;
mod transfer;

use book::Book;

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

    /// The customers' result: served ÷ all, counting (once the mail is drained) those
    /// whose confirmation e-mail was still on its way at the end.
    pub fn result(&self, customers: usize) -> Group {
        let book = self.book();
        let late = book
            .waiting
            .iter()
            .chain(book.busy.values())
            .filter(|c| {
                self.world
                    .mailbox
                    .take(&email(&c.cnp), super::mailbox::Link::Cancel)
                    .is_some()
            })
            .count();
        for _ in 0..late {
            super::paths::count("reseller: served, e-mail read after the end");
        }
        let served = (book.served.len() + late) as u64;
        Group {
            entities: customers as u64,
            succeeded: served,
        }
    }

    /// A solved challenge for `form` (`booking`, `draw_entry`, `waitlist`).
    async fn altcha(&self, client: &reqwest::Client, form: &str) -> Option<String> {
        if !self.world.on(Mechanism::Pow) {
            return None;
        }
        let solved = api::solve(client, &self.world, POW_SPEED, form).await?;
        Some(solved.altcha)
    }
}
