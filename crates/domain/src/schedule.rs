//! Office hours → slots (SPEC §3 office setup, §2 J2 step 4, §5.2 time zones).
//!
//! A [`Schedule`] holds the weekly opening intervals and the date exceptions, validated
//! once. For a date, a date exception wins; else a Romanian public holiday closes the
//! office (see [`HolidayRule`]); else the weekday's intervals apply. Each interval is cut
//! into slots of `slot_minutes`, with `counters` seats each, at office-local wall-clock
//! times that are pinned to UTC instants through the office's time zone.

mod activity;
mod error;
mod hours;
mod model;
mod seating;
mod slots;
mod types;
mod validate;
mod window;

pub use activity::{ActivityDay, ActivityHoursError, OfficeActivity, activity_day};
pub use error::{IntervalPlace, ScheduleError};
pub use hours::DayHours;
pub use model::Schedule;
pub use seating::{following_times, seat_family};
pub use slots::{Slot, slot_at, slots_between};
pub use types::{
    DateException, ExceptionHours, HolidayRule, OpeningInterval, TimeInterval, UnknownHolidayRule,
};
pub use validate::{COUNTERS, SLOT_MINUTES};
pub use window::{BookingWindow, DEFAULT_HORIZON_DAYS, bookable_slots};

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
