//! The manager's inputs: weekly opening intervals, date exceptions and the holiday rule.
//!
//! One file each: an interval of hours cut into slots, the weekly opening, a date's
//! exception, and the holiday rule.

mod exception;
mod holiday_rule;
mod interval;
mod opening;

pub use exception::{DateException, ExceptionHours};
pub use holiday_rule::{HolidayRule, UnknownHolidayRule};
pub use interval::TimeInterval;
pub use opening::OpeningInterval;
