//! The citizen API end to end: the real server on port 0, a real database per test
//! (SQLite and PostgreSQL), the real outbox worker delivering into a memory mailbox.

mod api {
    pub mod support;

    mod bad_input;
    mod bookings;
    mod lookup;
    mod offices;
    mod ops;
}
