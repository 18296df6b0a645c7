//! The Romanian calendar of SPEC §5.2: Orthodox Easter, public holidays, working days.
//!
//! Everything is computed from the rules (Codul muncii art. 139 and the Julian computus),
//! never tabled by hand, and nothing is cached: a year's holidays cost a few dozen
//! integer operations.

mod easter;
mod holidays;
mod working_days;

pub use easter::orthodox_easter;
pub use holidays::{
    Holiday, HolidayKind, SUPPORTED_YEARS, UnknownHolidayKind, holiday_on, is_public_holiday,
    public_holidays,
};
pub use working_days::{add_working_days, is_working_day, working_days_between};

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
