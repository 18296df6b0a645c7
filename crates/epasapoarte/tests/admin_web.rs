//! The staff back office end to end: the real server on port 0, a real database per test
//! (SQLite and PostgreSQL), browsed with a cookie jar and real form posts — login,
//! lockout, sessions and their timeouts, password change, forged forms, the audit page
//! and the access matrix over every `/admin` route.

// The harness every app test shares: the spawned app and the runs on both backends.
// (The paths keep rustfmt, which resolves inline modules differently, on the same files.)
mod support {
    #[path = "../support/app.rs"]
    pub mod app;
    #[path = "../support/backends.rs"]
    pub mod backends;
}

mod admin_web {
    pub mod support;

    pub mod counter_support;

    mod access_matrix;
    mod agenda;
    mod agenda_moves;
    mod agenda_reasons;
    mod agenda_search;
    mod application_status;
    mod applications;
    mod audit_atomic;
    mod audit_page;
    mod counter;
    mod declarations;
    mod forgery;
    mod hostile_fixtures;
    mod hostile_forms;
    mod login;
    mod mail_status;
    mod office_setup;
    mod office_setup_dates;
    mod pages;
    mod password;
    mod reports;
    mod reports_lead;
    mod reports_setup;
    mod restrictions;
    mod sessions;
    mod staff_pages;
}
