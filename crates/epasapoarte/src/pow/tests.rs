//! The reference algorithm round trip, the ticket's signature, the load counters.

use std::net::IpAddr;

use chrono::{TimeZone, Utc};

use super::altcha::{self, Challenge};
use super::load::Load;
use super::{FormKind, Solution, ticket};

const KEY: &[u8] = b"a key for the tests, 32 bytes ok";

#[test]
fn a_challenge_solved_as_the_widget_does_verifies_and_names_its_form() {
    let challenge = altcha::create(KEY, 5_000, "expires=2000000000&form=booking");
    assert_eq!(challenge.algorithm, "SHA-256");
    assert_eq!(altcha::salt_param(&challenge.salt, "form"), Some("booking"));
    assert_eq!(
        altcha::salt_param(&challenge.salt, "expires"),
        Some("2000000000")
    );
    let number = altcha::solve(&challenge).expect("solvable within maxnumber");
    let payload = altcha::decode(&altcha::payload_for(&challenge, number)).expect("decodes");
    assert!(altcha::verify(KEY, &payload));
    assert!(
        !altcha::verify(b"another key", &payload),
        "signed with our key only"
    );
    let mut wrong = payload.clone();
    wrong.number = number + 1;
    assert!(
        !altcha::verify(KEY, &wrong),
        "another number does not hash to it"
    );
    let mut moved = payload;
    moved.salt = moved.salt.replace("booking", "lookup");
    assert!(
        !altcha::verify(KEY, &moved),
        "the salt is covered by the signature"
    );
}

#[test]
fn the_reference_library_vector_hashes_the_same() {
    // altcha-lib: challenge = hex(SHA-256(salt ‖ number)); number as decimal text.
    let challenge = Challenge {
        algorithm: "SHA-256".into(),
        challenge: altcha::hash("abc?expires=1", 42),
        maxnumber: 100,
        salt: "abc?expires=1".into(),
        signature: String::new(),
    };
    assert_eq!(altcha::solve(&challenge), Some(42));
    assert_eq!(
        altcha::hash("", 0),
        // SHA-256("0")
        "5feceb66ffc86f38d952786c6d696c79c2dbc239dd4e91b46729d73a27fb57e9"
    );
}

#[test]
fn a_ticket_opens_with_its_key_only_and_untouched() {
    let served = Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0).unwrap();
    let text = ticket::issue(KEY, "booking", served);
    let opened = ticket::open(KEY, &text).expect("ours");
    assert_eq!(opened.form, "booking");
    assert_eq!(opened.served_at, served);
    assert!(ticket::open(b"another key", &text).is_none());
    assert!(ticket::open(KEY, &text.replacen("booking", "lookup", 1)).is_none());
    assert_ne!(
        opened.spent_hash,
        ticket::open(KEY, &ticket::issue(KEY, "booking", served))
            .unwrap()
            .spent_hash,
        "each ticket is spent on its own"
    );
}

#[test]
fn load_counts_the_last_minute_per_form_and_the_minute_per_requester() {
    let load = Load::default();
    let (a, b): (IpAddr, IpAddr) = ([10, 0, 0, 1].into(), [10, 0, 0, 2].into());
    assert_eq!(load.record(FormKind::Booking, a, 1_000), (1, 1));
    assert_eq!(load.record(FormKind::Booking, a, 1_010), (2, 2));
    assert_eq!(load.record(FormKind::Booking, b, 1_030), (3, 1));
    assert_eq!(load.record(FormKind::Lookup, b, 1_030), (1, 2));
    assert_eq!(
        load.endpoint(FormKind::Booking, 1_080),
        1,
        "a minute on, only the last"
    );
    assert_eq!(load.endpoint(FormKind::Booking, 1_200), 0);
}

#[test]
fn a_form_brings_its_solution_or_its_ticket() {
    assert_eq!(Solution::from_fields("", ""), Solution::Missing);
    assert_eq!(
        Solution::from_fields(" ", "t"),
        Solution::Ticket("t".into())
    );
    assert_eq!(
        Solution::from_fields("s", "t"),
        Solution::Altcha("s".into())
    );
}

#[test]
fn the_hardest_challenge_is_solved_in_its_worst_case() {
    use epasapoarte_domain::fair::pow::MAX_NUMBER_CEILING;
    let salt = "0123456789abcdef01234567?expires=2000000000&form=booking";
    let challenge = Challenge {
        algorithm: "SHA-256".into(),
        challenge: altcha::hash(salt, MAX_NUMBER_CEILING),
        maxnumber: MAX_NUMBER_CEILING,
        salt: salt.into(),
        signature: String::new(),
    };
    let started = std::time::Instant::now();
    assert_eq!(altcha::solve(&challenge), Some(MAX_NUMBER_CEILING));
    // Printed for BENCHMARKS-style notes: `cargo test -p epasapoarte hardest -- --nocapture`.
    println!(
        "worst case at maxnumber {MAX_NUMBER_CEILING}: {:?} (Rust solver)",
        started.elapsed()
    );
}
