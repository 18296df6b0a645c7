//! The I/O shell around `epasapoarte-domain`: configuration, storage, e-mail, HTTP, the
//! background jobs and the command line. Rules live in the domain crate; this crate only
//! moves data between them and the outside world.

pub mod cli;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod i18n;
pub mod mail;
pub mod seed;
pub mod store;
pub mod testing;
