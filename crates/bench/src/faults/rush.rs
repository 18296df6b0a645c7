//! The rush a fault lands in: many citizens booking at once through every instance, the
//! way a load balancer spreads them (a request that cannot reach one instance is sent to
//! the next, as haproxy's `retry-on conn-failure` does). Half the attempts go to a few hot
//! slots, so seats run out and the capacity check works under the fault; one in ten
//! reuses, from another address, the CNP of a booking already made, so the
//! one-booking-per-CNP rule does too (the first two such within a day replace the
//! pending booking, as a citizen correcting a mistyped address does: issue 12; later
//! ones are refused).
//! Every `201` is written down: the ids the audit must find afterwards.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

use rand::Rng;
use rand::seq::SliceRandom;
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;

use crate::people::{CnpSource, Seat, booking_body_for};

/// Concurrent citizens.
const CLIENTS: usize = 24;
/// Slots that half the attempts aim at.
const HOT_SLOTS: usize = 12;
/// A citizen whose request failed (5xx, no connection) waits this long before the next.
const BACK_OFF: Duration = Duration::from_millis(200);

/// What the rush saw; shared by its citizens while it runs.
#[derive(Default)]
pub struct Tally {
    /// Booking ids answered `201`, in order.
    pub acknowledged: Mutex<Vec<String>>,
    /// When each `201`'s request was sent, and when its answer arrived.
    successes: Mutex<Vec<(Instant, Instant)>>,
    /// When each failure (5xx, timeout, no instance reached) arrived.
    failures: Mutex<Vec<Instant>>,
    /// Applicant CNPs answered `201` (for the attempts that reuse one).
    booked_cnps: RwLock<Vec<String>>,
    /// Answers by status and error code (`"201"`, `"409 slot_full"`, `"connect error"`).
    pub outcomes: Mutex<BTreeMap<String, u64>>,
    /// Requests sent, retries on another instance included.
    pub requests: AtomicU64,
}

impl Tally {
    pub fn acknowledged_count(&self) -> usize {
        self.acknowledged.lock().map_or(0, |ids| ids.len())
    }

    /// When the service was whole again after a fault at `since`: the arrival of the first
    /// `201` whose request was sent after the last failure seen since then (`since` itself
    /// when nothing failed). `None` while no such answer exists.
    pub fn recovered_at(&self, since: Instant) -> Option<Instant> {
        let last_failure = self.last_failure_after(since).unwrap_or(since);
        self.successes
            .lock()
            .ok()?
            .iter()
            .filter(|(sent, _)| *sent >= last_failure)
            .map(|&(_, done)| done)
            .min()
    }

    /// The last failure at or after `since`.
    pub fn last_failure_after(&self, since: Instant) -> Option<Instant> {
        self.failures
            .lock()
            .ok()?
            .iter()
            .copied()
            .filter(|&at| at >= since)
            .max()
    }

    /// Answers of the 5xx family.
    pub fn server_errors(&self) -> u64 {
        self.outcomes.lock().map_or(0, |outcomes| {
            outcomes
                .iter()
                .filter(|(label, _)| label.starts_with('5'))
                .map(|(_, n)| n)
                .sum()
        })
    }

    fn count(&self, label: String) {
        if let Ok(mut outcomes) = self.outcomes.lock() {
            *outcomes.entry(label).or_default() += 1;
        }
    }
}

/// A running rush; [`Rush::stop`] ends it.
pub struct Rush {
    pub tally: Arc<Tally>,
    stop: Arc<AtomicBool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Rush {
    /// Starts [`CLIENTS`] citizens booking `seats` through `instances` (base URLs), each
    /// pausing `pace` after every attempt when given.
    pub fn start(
        client: &reqwest::Client,
        instances: Arc<RwLock<Vec<String>>>,
        seats: Vec<Seat>,
        cnps: Arc<CnpSource>,
        pace: Option<Duration>,
    ) -> Rush {
        let tally = Arc::new(Tally::default());
        let stop = Arc::new(AtomicBool::new(false));
        let mut hot = seats.clone();
        hot.shuffle(&mut rand::thread_rng());
        hot.truncate(HOT_SLOTS);
        let plan = Arc::new(Plan { seats, hot });
        let tasks = (0..CLIENTS)
            .map(|n| {
                let citizen = Citizen {
                    client: client.clone(),
                    instances: instances.clone(),
                    plan: plan.clone(),
                    cnps: cnps.clone(),
                    tally: tally.clone(),
                    stop: stop.clone(),
                    turn: n,
                    pace,
                };
                tokio::spawn(citizen.run())
            })
            .collect();
        Rush { tally, stop, tasks }
    }

    /// Stops every citizen after its request in flight.
    pub async fn stop(self) -> Arc<Tally> {
        self.stop.store(true, Ordering::SeqCst);
        for task in self.tasks {
            let _ = task.await;
        }
        self.tally
    }
}

struct Plan {
    seats: Vec<Seat>,
    hot: Vec<Seat>,
}

struct Citizen {
    client: reqwest::Client,
    instances: Arc<RwLock<Vec<String>>>,
    plan: Arc<Plan>,
    cnps: Arc<CnpSource>,
    tally: Arc<Tally>,
    stop: Arc<AtomicBool>,
    turn: usize,
    /// A pause after every attempt: a gentler rush (the relay scenarios, whose every
    /// booking is an e-mail to deliver).
    pace: Option<Duration>,
}

impl Citizen {
    async fn run(mut self) {
        while !self.stop.load(Ordering::SeqCst) {
            let (body, cnp) = self.attempt();
            let sent = Instant::now();
            let booked = self.send(&body).await;
            match booked {
                Some(Ok(id)) => {
                    if let Ok(mut ids) = self.tally.acknowledged.lock() {
                        ids.push(id);
                    }
                    if let Ok(mut at) = self.tally.successes.lock() {
                        at.push((sent, Instant::now()));
                    }
                    if let Ok(mut booked) = self.tally.booked_cnps.write() {
                        booked.push(cnp);
                    }
                }
                Some(Err(())) => {}
                None => {
                    if let Ok(mut at) = self.tally.failures.lock() {
                        at.push(Instant::now());
                    }
                    tokio::time::sleep(BACK_OFF).await;
                }
            }
            if let Some(pace) = self.pace {
                tokio::time::sleep(pace).await;
            }
        }
    }

    /// One booking body and its applicant's CNP: a hot or a random seat; a fresh CNP, or
    /// one in ten times one that already holds a booking (to be refused).
    fn attempt(&self) -> (String, String) {
        let mut rng = rand::thread_rng();
        let seats = if rng.gen_bool(0.5) {
            &self.plan.hot
        } else {
            &self.plan.seats
        };
        let seat = seats[rng.gen_range(0..seats.len())];
        let reused = if rng.gen_bool(0.1) {
            self.tally
                .booked_cnps
                .read()
                .ok()
                .and_then(|booked| booked.choose(&mut rng).cloned())
        } else {
            None
        };
        match reused {
            // Someone else with that CNP (another address): the same person re-booking
            // from their own address would replace their pending booking instead.
            Some(cnp) => {
                let body = booking_body_for(&seat, &cnp, &[]).replacen("\"bench.", "\"again.", 1);
                (body, cnp)
            }
            None => {
                let cnp = self.cnps.next();
                (booking_body_for(&seat, &cnp, &[]), cnp)
            }
        }
    }

    /// Sends the booking to the next instance, and to the one after when it cannot be
    /// reached. `Some(Ok(id))` booked, `Some(Err(()))` refused as it should be (4xx),
    /// `None` a failure (5xx, no instance reached).
    async fn send(&mut self, body: &str) -> Option<Result<String, ()>> {
        let instances = self.instances.read().ok()?.clone();
        for _ in 0..instances.len() {
            self.turn = self.turn.wrapping_add(1);
            let base = &instances[self.turn % instances.len()];
            self.tally.requests.fetch_add(1, Ordering::Relaxed);
            let sent = self
                .client
                .post(format!("{base}/api/v1/bookings"))
                .header(CONTENT_TYPE, "application/json")
                .body(body.to_owned())
                .send()
                .await;
            let response = match sent {
                Ok(response) => response,
                Err(error) if error.is_connect() => {
                    self.tally.count("connect error (tried the next)".into());
                    continue;
                }
                Err(error) => {
                    let kind = if error.is_timeout() {
                        "timeout"
                    } else {
                        "transport error"
                    };
                    self.tally.count(kind.into());
                    return None;
                }
            };
            let status = response.status();
            let json: serde_json::Value = response.json().await.unwrap_or_default();
            if status == StatusCode::CREATED {
                self.tally.count("201".into());
                return json["id"].as_str().map(|id| Ok(id.to_owned()));
            }
            let code = json["error"]["code"].as_str().unwrap_or_default();
            self.tally
                .count(format!("{} {code}", status.as_u16()).trim_end().to_owned());
            return if status.is_client_error() {
                Some(Err(()))
            } else {
                None
            };
        }
        None
    }
}
