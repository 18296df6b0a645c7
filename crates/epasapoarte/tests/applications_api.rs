//! Passport applications end to end (issue 5, SPEC §3 and J6): registration through the
//! service, the public lookup and the production centre's status moves through the real
//! server on port 0, on SQLite and PostgreSQL, with the outbox delivered into memory.

// The harness every app test shares: the spawned app and the runs on both backends.
// (The paths keep rustfmt, which resolves inline modules differently, on the same files.)
mod support {
    #[path = "../support/app.rs"]
    pub mod app;
    #[path = "../support/backends.rs"]
    pub mod backends;
}

// The citizen API's `TestApp`, shared with `tests/api.rs`; not every helper is used here.
#[allow(dead_code)]
mod api {
    pub mod support;
}

mod applications {
    pub mod helpers;

    mod api;
    mod edges;
    mod expiry;
    mod people;
    mod retention;
    mod service;
}
