//! The booking journey (`/programare`, UI.md steps 1–10) end to end, as a browser without
//! JavaScript uses it: the real server on port 0, a real database per test, plain form
//! posts and 303 redirects, the confirmation e-mail delivered into a memory mailbox.

// The harness every app test shares: the spawned app and the runs on both backends.
// (The paths keep rustfmt, which resolves inline modules differently, on the same files.)
mod support {
    #[path = "../support/app.rs"]
    pub mod app;
    #[path = "../support/backends.rs"]
    pub mod backends;
}

mod api {
    #![allow(dead_code)]
    // The API tests' TestApp, shared (a path keeps rustfmt from looking under web_journey/).
    #[path = "../api/support.rs"]
    pub mod support;
}

mod web_journey {
    pub mod browser;
    pub mod walk;

    mod changes;
    mod english;
    mod errors;
    mod guards;
    mod happy_path;
}
