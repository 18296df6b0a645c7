//! The judged steps of the two-instance story: the flash crowd and its seat accounting,
//! and confirmations through either instance (the rest is in `settle.rs`).

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use sqlx::PgPool;

use super::citizens::Family;
use super::crowd::{self, Booked, Target};
use super::ledger::Ledger;
use super::mailbox::{self, Kind};
use super::process::Server;
use super::scenario::{CONFIRMED, CROWD, Shared, lap};
use super::smtp_sink::SmtpSink;
use super::web::{pick_target, post};

/// What every step reaches.
pub struct Run<'a> {
    pub client: &'a reqwest::Client,
    pub a: &'a Server,
    pub b: &'a Server,
    pub sink: &'a Arc<SmtpSink>,
    pub pool: &'a PgPool,
    pub collected: &'a Shared,
}

/// The crowd's result, for the later steps.
pub struct Crowd {
    pub target: Target,
    pub booked: Vec<Booked>,
    /// (booking id, recipient) of the bookings confirmed through instance A.
    pub confirmed: Vec<(String, String)>,
}

pub const POLL: Duration = Duration::from_millis(100);

/// 200 citizens at once over both instances, for one day of one office; meanwhile the
/// first e-mailed links are used, through instance A, before their bookings lapse.
pub async fn flash_crowd(run: &Run<'_>) -> Crowd {
    let target = pick_target(run.client, run.a).await;
    let families: Vec<Family> = (0..CROWD)
        .map(|i| Family::new(i, 1 + u16::from((i / 2) % 2 == 1)))
        .collect();
    run.collected
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .families
        .extend(families.iter().cloned());
    let confirmer = tokio::spawn(confirm_as_mails_arrive(
        run.client.clone(),
        run.a.url("/api/v1/bookings/confirm"),
        run.sink.clone(),
    ));

    let t = Instant::now();
    let bases = [run.a.base.clone(), run.b.base.clone()];
    let outcome = crowd::run(run.client, &bases, &target, families).await;
    lap(run.collected, "flash crowd (200 citizens)", t);
    let ledger = Ledger::read(run.pool, target.office_id, &target.date).await;
    the_seats_add_up(&outcome, &ledger);

    let confirmed = tokio::time::timeout(Duration::from_secs(20), confirmer)
        .await
        .expect("confirming through A in time")
        .expect("the confirmer task");
    assert_eq!(confirmed.len(), CONFIRMED);
    // The same link once more, through the other instance: harmless, same answer.
    let (token, booking_id, _) = &confirmed[0];
    let again = post(
        run.client,
        &run.b.url("/api/v1/bookings/confirm"),
        &json!({"token": token}),
    )
    .await;
    assert_eq!(again.0, 200, "{}", again.1);
    assert_eq!(
        (again.1["status"].as_str(), again.1["id"].as_str()),
        (Some("confirmed"), Some(booking_id.as_str()))
    );
    Crowd {
        target,
        booked: outcome.booked,
        confirmed: confirmed.into_iter().map(|(_, id, to)| (id, to)).collect(),
    }
}

/// A real fight over both instances, and the database holds exactly what the 201s said:
/// the same bookings, the same persons per slot, the seats taken less what expired.
fn the_seats_add_up(outcome: &crowd::Outcome, ledger: &Ledger) {
    assert!(outcome.unexpected.is_empty(), "{:?}", outcome.unexpected);
    assert!(
        !outcome.booked.is_empty() && outcome.conflicts > 0,
        "a real fight: {} booked, {} conflicts",
        outcome.booked.len(),
        outcome.conflicts
    );
    assert!(
        outcome.booked.iter().any(|b| b.instance == 0)
            && outcome.booked.iter().any(|b| b.instance == 1)
    );
    ledger.assert_seats_match_bookings();
    // The database holds exactly the bookings that were answered 201: none lost, none extra.
    let answered: HashSet<&str> = outcome
        .booked
        .iter()
        .map(|b| b.booking_id.as_str())
        .collect();
    let stored: HashSet<&str> = ledger.bookings.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(answered, stored, "201 answers versus stored bookings");
    let mut answered_persons: BTreeMap<&str, i64> = BTreeMap::new();
    for booked in &outcome.booked {
        *answered_persons.entry(booked.time.as_str()).or_default() +=
            i64::from(booked.family.persons);
    }
    for time in ledger.slots.keys() {
        let all = ["pending", "confirmed", "expired"];
        assert_eq!(
            ledger.persons_at(time, &all),
            answered_persons.get(time.as_str()).copied().unwrap_or(0),
            "{time}: persons booked per the 201s"
        );
    }
    // 201s × persons == seats taken, less what expiry has handed back meanwhile.
    let released: i64 = ledger
        .bookings
        .iter()
        .filter(|b| b.status == "expired")
        .map(|b| b.persons)
        .sum();
    let answered_total: i64 = answered_persons.values().sum();
    assert_eq!(ledger.seats_taken(), answered_total - released);
    eprintln!(
        "flash crowd: {} booked ({} seats), {} × 409, {} turned away, {} seats of {} taken, {} already expired",
        outcome.booked.len(),
        answered_total,
        outcome.conflicts,
        outcome.turned_away,
        ledger.seats_taken(),
        ledger.slots.values().map(|s| s.capacity).sum::<i64>(),
        ledger.count("expired"),
    );
}

/// Confirms, through instance A, the bookings of the first confirmation requests that
/// arrive, until [`CONFIRMED`] succeed (a link that arrives after its booking lapsed gets
/// 410 and is skipped). Returns (token, booking id, recipient).
async fn confirm_as_mails_arrive(
    client: reqwest::Client,
    url: String,
    sink: Arc<SmtpSink>,
) -> Vec<(String, String, String)> {
    let mut confirmed = Vec::new();
    let mut seen = 0;
    while confirmed.len() < CONFIRMED {
        let received = sink.received();
        for mail in received[seen..].iter().map(mailbox::parse) {
            if confirmed.len() == CONFIRMED || mail.kind != Kind::ConfirmRequest {
                continue;
            }
            let token = mail.token.clone().unwrap_or_default();
            let (status, body) = post(&client, &url, &json!({"token": token})).await;
            match status {
                200 => {
                    let id = body["id"].as_str().unwrap_or_default().to_owned();
                    confirmed.push((token, id, mail.rcpt_to.join(",")));
                }
                410 => {}
                other => panic!("confirming answered {other}: {body}"),
            }
        }
        seen = received.len();
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    confirmed
}
