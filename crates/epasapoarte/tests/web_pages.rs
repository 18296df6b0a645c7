//! The citizen pages other than the booking journey, end to end: the real server on port
//! 0, a real database per test (SQLite; the confirm and cancel flows on PostgreSQL too),
//! browsed with a cookie jar and real form posts.

// The harness every app test shares: the spawned app and the runs on both backends.
// (The paths keep rustfmt, which resolves inline modules differently, on the same files.)
mod support {
    #[path = "../support/app.rs"]
    pub mod app;
    #[path = "../support/backends.rs"]
    pub mod backends;
}

mod web_pages {
    pub mod support;

    mod cancel;
    mod confirm;
    mod info;
    mod lookup;
    mod mailbox;
    mod offices;
    mod site;
    mod stats;
    mod status;
}
