//! An office's hours for its other activities (issue 12 item 9, the layout of seed 004):
//! besides taking applications (the booking schedule), "Eliberări pașapoarte, eliberări
//! adeverințe" (pickup and certificates) and "Relații cu publicul" (public relations),
//! each with at most one interval per weekday.

use chrono::{NaiveTime, Weekday};

use crate::booking::{UnknownName, parse_name};

/// An activity with hours of its own (taking applications follows the booking schedule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OfficeActivity {
    /// Passports handed over, certificates issued.
    Pickup,
    /// Questions answered at the counter.
    PublicRelations,
}

impl OfficeActivity {
    pub const ALL: [Self; 2] = [Self::Pickup, Self::PublicRelations];

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pickup => "pickup",
            Self::PublicRelations => "public_relations",
        }
    }

    /// Its catalogue key (the seed's headings).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Pickup => "activity.pickup",
            Self::PublicRelations => "activity.public_relations",
        }
    }
}

impl std::str::FromStr for OfficeActivity {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name(&Self::ALL, Self::as_str, "office activity", s)
    }
}

/// One weekday's hours of an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActivityDay {
    pub activity: OfficeActivity,
    pub weekday: Weekday,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// Why a day's hours are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ActivityHoursError {
    /// Only one of the two times was given.
    #[error("give both times, or neither for a closed day")]
    Half,
    /// The end is not after the start.
    #[error("the end must come after the start")]
    EndNotAfterStart,
}

impl ActivityHoursError {
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Half => "activity_hours_half",
            Self::EndNotAfterStart => "end_before_start",
        }
    }
}

/// A weekday's hours from the two times typed (either may be absent): `None` for a
/// closed day.
///
/// # Errors
/// One time without the other, or an end not after the start.
pub fn activity_day(
    activity: OfficeActivity,
    weekday: Weekday,
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
) -> Result<Option<ActivityDay>, ActivityHoursError> {
    match (start, end) {
        (None, None) => Ok(None),
        (Some(start), Some(end)) if start < end => Ok(Some(ActivityDay {
            activity,
            weekday,
            start,
            end,
        })),
        (Some(_), Some(_)) => Err(ActivityHoursError::EndNotAfterStart),
        _ => Err(ActivityHoursError::Half),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn a_day_is_both_times_in_order_or_none() {
        let a = OfficeActivity::Pickup;
        assert_eq!(activity_day(a, Weekday::Mon, None, None), Ok(None));
        assert_eq!(
            activity_day(a, Weekday::Wed, hm(8, 30), hm(18, 30)).map(|d| d.map(|d| d.end)),
            Ok(hm(18, 30))
        );
        assert_eq!(
            activity_day(a, Weekday::Mon, hm(8, 30), None),
            Err(ActivityHoursError::Half)
        );
        assert_eq!(
            activity_day(a, Weekday::Mon, hm(12, 0), hm(12, 0)),
            Err(ActivityHoursError::EndNotAfterStart)
        );
    }

    #[test]
    fn activities_round_trip_through_their_names() {
        for activity in OfficeActivity::ALL {
            assert_eq!(activity.as_str().parse::<OfficeActivity>(), Ok(activity));
        }
        assert!("submission".parse::<OfficeActivity>().is_err());
    }
}
