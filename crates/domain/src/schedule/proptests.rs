//! Property tests: random valid schedules, zones and windows; slots stay honest.
//!
//! `strategies` generates the schedules, zones and instants; each other file holds the
//! properties of one concern.

mod slots;
mod strategies;
mod validation;
