//! The I/O shell around `epasapoarte-domain`: configuration, storage, e-mail, HTTP, the
//! background jobs and the command line. Rules live in the domain crate; this crate only
//! moves data between them and the outside world.

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod http;
pub mod i18n;
pub mod ids;
pub mod jobs;
pub mod mail;
pub mod metrics;
pub mod pow;
pub mod private_files;
pub mod seed;
pub mod service;
pub mod staff;
pub mod state;
pub mod store;
pub mod telemetry;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod web;
