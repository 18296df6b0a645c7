//! After the crowd: each e-mail sent once although both instances deliver the outbox, and
//! each expiry done once although both run the expiry job.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use super::checks::{Crowd, POLL, Run};
use super::ledger::Ledger;
use super::mailbox::{self, Kind};
use super::process::eventually;
use super::scenario::{CONFIRMED, lap};
use super::web::metrics;

/// Both instances run the outbox worker; still every booking gets one request, and every
/// confirmation one confirmation, never two.
pub async fn each_mail_sent_once(run: &Run<'_>, crowd: &Crowd) {
    let t = Instant::now();
    let expected = crowd.booked.len();
    eventually(
        "all confirmation requests delivered",
        Duration::from_secs(20),
        POLL,
        || async {
            let mails = mailbox::all(run.sink);
            let requests = mailbox::of_kind(&mails, Kind::ConfirmRequest).len();
            let confirmations = mailbox::of_kind(&mails, Kind::Confirmation).len();
            (requests >= expected && confirmations >= CONFIRMED).then_some(())
        },
    )
    .await;
    lap(run.collected, "all e-mails delivered", t);
    // Deliberately idle: a duplicate from the other instance's worker would land now.
    tokio::time::sleep(Duration::from_secs(3)).await;

    let mails = mailbox::all(run.sink);
    let ids: HashSet<&str> = mails.iter().map(|m| m.message_id.as_str()).collect();
    assert_eq!(ids.len(), mails.len(), "a Message-ID was delivered twice");
    assert!(
        mails.iter().all(|m| m.kind != Kind::Other),
        "unexpected e-mails"
    );
    let requests = mailbox::of_kind(&mails, Kind::ConfirmRequest);
    assert_eq!(requests.len(), expected, "one confirmation request per 201");
    let links: HashSet<_> = requests.iter().map(|m| m.token.clone()).collect();
    assert_eq!(links.len(), expected, "a confirm link was sent twice");
    let to: HashSet<String> = requests.iter().map(|m| m.rcpt_to.join(",")).collect();
    let booked: HashSet<String> = crowd
        .booked
        .iter()
        .map(|b| format!("<{}>", b.family.email))
        .collect();
    assert_eq!(to, booked, "exactly one request per booking's address");
    let confirmations = mailbox::of_kind(&mails, Kind::Confirmation);
    let confirmed_to: HashSet<String> = confirmations.iter().map(|m| m.rcpt_to.join(",")).collect();
    let expected_to: HashSet<String> = crowd.confirmed.iter().map(|(_, to)| to.clone()).collect();
    assert_eq!(
        confirmations.len(),
        CONFIRMED,
        "no second confirmation for the second confirm"
    );
    assert_eq!(confirmed_to, expected_to);
}

/// Unconfirmed bookings lapse once (both instances run the expiry job): afterwards the
/// seats held are exactly the confirmed persons, and both processes are still healthy.
pub async fn expiry_done_once(run: &Run<'_>, crowd: &Crowd) {
    let t = Instant::now();
    let (office, date) = (crowd.target.office_id, crowd.target.date.as_str());
    let ledger = eventually(
        "every pending booking expired",
        Duration::from_secs(20),
        POLL,
        || async {
            let ledger = Ledger::read(run.pool, office, date).await;
            (ledger.count("pending") == 0).then_some(ledger)
        },
    )
    .await;
    lap(run.collected, "all pending bookings expired", t);

    ledger.assert_seats_match_bookings();
    for (time, slot) in &ledger.slots {
        assert_eq!(
            slot.taken,
            ledger.seats_held_at(time, &["confirmed"]),
            "{time}: seats after expiry (a family seated over several slots counts in each)"
        );
    }
    let confirmed: HashSet<&str> = ledger
        .bookings
        .iter()
        .filter(|b| b.status == "confirmed")
        .map(|b| b.id.as_str())
        .collect();
    let by_test: HashSet<&str> = crowd.confirmed.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(confirmed, by_test);
    assert_eq!(ledger.count("expired"), crowd.booked.len() - CONFIRMED);

    // Each instance counts what it did itself: together, each piece of work once.
    let (ma, mb) = (
        metrics(run.client, run.a).await,
        metrics(run.client, run.b).await,
    );
    let expired = ma["epas_bookings_expired_total"] + mb["epas_bookings_expired_total"];
    assert_eq!(
        expired,
        ledger.count("expired") as f64,
        "expiries counted by a + b"
    );
    let sent = ma["epas_mail_sent_total"] + mb["epas_mail_sent_total"];
    assert_eq!(
        sent,
        run.sink.received().len() as f64,
        "e-mails sent by a + b"
    );
    eprintln!(
        "work split: expired a={} b={}, mail sent a={} b={}",
        ma["epas_bookings_expired_total"],
        mb["epas_bookings_expired_total"],
        ma["epas_mail_sent_total"],
        mb["epas_mail_sent_total"]
    );
    for server in [run.a, run.b] {
        for path in ["/healthz", "/readyz"] {
            let status = run
                .client
                .get(server.url(path))
                .send()
                .await
                .map(|r| r.status().as_u16());
            assert_eq!(status.ok(), Some(200), "{} {path}", server.name);
        }
    }
}
