//! The booking window: from now until the horizon (90 days by default), office-local.

use chrono::{DateTime, Days, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use super::model::Schedule;
use super::slots::{Slot, slots_between};

/// How many calendar days ahead citizens may book (SPEC J2: 90 days, office-local).
pub const DEFAULT_HORIZON_DAYS: u32 = 90;

/// Which slots may be booked at `now`: those starting strictly after `now`, on office-local
/// dates up to today + `horizon_days` inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BookingWindow {
    pub now: DateTime<Utc>,
    pub horizon_days: u32,
}

impl BookingWindow {
    /// The window at `now` with the default 90-day horizon.
    #[must_use]
    pub fn new(now: DateTime<Utc>) -> Self {
        Self {
            now,
            horizon_days: DEFAULT_HORIZON_DAYS,
        }
    }

    /// Office-local today.
    #[must_use]
    pub fn first_date(&self, tz: Tz) -> NaiveDate {
        let utc = self.now.naive_utc();
        let offset = tz.offset_from_utc_datetime(&utc).fix();
        // At the very end of chrono's range the local date may not exist; UTC's will do.
        utc.checked_add_offset(offset)
            .map_or(utc.date(), |local| local.date())
    }

    /// The last bookable office-local date: today + `horizon_days`, inclusive.
    #[must_use]
    pub fn last_date(&self, tz: Tz) -> NaiveDate {
        let today = self.first_date(tz);
        today
            .checked_add_days(Days::new(u64::from(self.horizon_days)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Whether `slot` (of an office in `tz`) may be booked now. A slot starting exactly now
    /// is already too late: nobody can get to the counter in zero seconds.
    #[must_use]
    pub fn allows(&self, tz: Tz, slot: &Slot) -> bool {
        slot.starts_at > self.now && slot.date <= self.last_date(tz)
    }
}

/// The slots of `from..=to` (office-local) that `window` allows, sorted by `starts_at`.
///
/// The range is first clipped to the window's dates, so a caller passing any range gets
/// at most `horizon_days + 1` days of slots.
#[must_use]
pub fn bookable_slots(
    schedule: &Schedule,
    tz: Tz,
    window: &BookingWindow,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Slot> {
    let from = from.max(window.first_date(tz));
    let to = to.min(window.last_date(tz));
    let mut slots = slots_between(schedule, tz, from, to);
    slots.retain(|slot| window.allows(tz, slot));
    slots
}
