//! The rules of passport booking, as pure functions and types.
//!
//! Nothing here does I/O, reads the clock, or is async: every function that depends on
//! "now" or "today" takes it as an argument. That keeps the rules exhaustively testable
//! and lets the storage/HTTP/mail shell (`crates/epasapoarte`) stay thin.
//!
//! | module | rule (SPEC) |
//! |---|---|
//! | [`cnp`] | the personal numeric code, §5.1 |
//! | [`county`] | the 41 counties and Bucharest, their codes, §2 J1 |
//! | [`calendar`] | public holidays and working days, §5.2 |
//! | [`schedule`] | office hours, exceptions and the slots they open, §3, §2 J2 |
//! | [`passport`] | fees, validity, fingerprints, issuance time, documents, §5.3–5.4 |
//! | [`booking`] | the booking lifecycle, §4 |
//! | [`application`] | the passport application lifecycle, §3 |
//! | [`fair`] | fair access: draw, waitlist holds, delayed release, reconfirmation, no-show cool-off, proof of work, §8 |

pub mod application;
pub mod booking;
pub mod calendar;
pub mod cnp;
pub mod county;
pub mod fair;
pub mod passport;
pub mod schedule;

#[cfg(test)]
mod catalogue_keys;
