//! SPEC §8 "Opening day by draw" and "No-show cool-off" end to end: the real server on
//! port 0 with draws on, a real database per test (SQLite and PostgreSQL), the clock moved
//! by the test, the draw job and the outbox worker driven by the test.

mod support {
    #[path = "../support/app.rs"]
    pub mod app;
    #[path = "../support/backends.rs"]
    pub mod backends;
}

mod draw {
    pub mod support;

    mod cooloff;
    mod entries;
    mod pages;
    mod planning;
    mod running;
}
