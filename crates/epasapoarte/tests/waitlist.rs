//! SPEC §8, the waitlist with personal holds and the random delayed release, end to end
//! through the API on both backends: the real server, the real jobs driven by the test,
//! a manual clock.

mod support {
    #[path = "../support/app.rs"]
    pub mod app;
    #[path = "../support/backends.rs"]
    pub mod backends;
}

mod waitlist {
    pub mod support;

    mod families;
    mod holds;
    mod joining;
    mod pages;
    mod release;
}
