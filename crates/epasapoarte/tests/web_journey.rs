//! The booking journey (`/programare`, UI.md steps 1–10) end to end, as a browser without
//! JavaScript uses it: the real server on port 0, a real database per test, plain form
//! posts and 303 redirects, the confirmation e-mail delivered into a memory mailbox.

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
