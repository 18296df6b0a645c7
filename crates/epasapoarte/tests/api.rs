//! The citizen API end to end: the real server on port 0, a real database per test
//! (SQLite and PostgreSQL), the real outbox worker delivering into a memory mailbox.

// The harness every app test shares: the spawned app and the runs on both backends.
// (The paths keep rustfmt, which resolves inline modules differently, on the same files.)
mod support {
    #[path = "../support/app.rs"]
    pub mod app;
    #[path = "../support/backends.rs"]
    pub mod backends;
}

mod api {
    pub mod support;

    mod bad_input;
    mod bookings;
    mod challenge;
    mod families;
    mod key_check;
    mod lookup;
    mod mail_relay;
    mod offices;
    mod ops;
    mod outage;
    mod reconfirm;
    mod reminders;
    mod stats;
}
