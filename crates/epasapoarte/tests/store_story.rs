//! One storage story, told to both backends: every test below runs once on SQLite and once
//! on PostgreSQL (`<area>::sqlite::<test>` / `<area>::postgres::<test>`), each on its own
//! throwaway database. The store never opens sealed fields, so persons, e-mails and outbox
//! payloads are random bytes here.

// The harness every backend-parametrised test shares.
// (The path keeps rustfmt, which resolves inline modules differently, on the same file.)
mod support {
    #[path = "../support/backends.rs"]
    pub mod backends;
}

#[path = "store_story/support.rs"]
mod story;

#[path = "store_story/applications.rs"]
mod applications;
#[path = "store_story/audit_log.rs"]
mod audit_log;
#[path = "store_story/catalog.rs"]
mod catalog;
#[path = "store_story/churn.rs"]
mod churn;
#[path = "store_story/counter.rs"]
mod counter;
#[path = "store_story/housekeeping.rs"]
mod housekeeping;
#[path = "store_story/key_ring.rs"]
mod key_ring;
#[path = "store_story/lifecycle.rs"]
mod lifecycle;
#[path = "store_story/model.rs"]
mod model;
#[path = "store_story/office_setup.rs"]
mod office_setup;
#[path = "store_story/outbox.rs"]
mod outbox;
#[path = "store_story/races.rs"]
mod races;
#[path = "store_story/seeding.rs"]
mod seeding;
#[path = "store_story/staff.rs"]
mod staff;
#[path = "store_story/transitions.rs"]
mod transitions;
