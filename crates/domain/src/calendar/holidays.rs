//! The Romanian public holidays (Codul muncii art. 139 alin. 1), as dates of a given year.

use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate};

use super::orthodox_easter;

/// The years the current law (with 6 and 7 January, holidays since 2024) and our
/// cross-checks cover. The functions still compute any year mechanically from today's law;
/// callers that take a year from outside should reject years outside this range.
pub const SUPPORTED_YEARS: RangeInclusive<i32> = 2024..=2100;

/// Which public holiday a date is: a stable key for storage, JSON and translations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HolidayKind {
    NewYear,
    NewYearSecondDay,
    Epiphany,
    SaintJohnTheBaptist,
    UnionDay,
    GoodFriday,
    Easter,
    EasterMonday,
    LabourDay,
    ChildrensDay,
    Pentecost,
    PentecostMonday,
    Assumption,
    SaintAndrew,
    NationalDay,
    Christmas,
    ChristmasSecondDay,
}

/// When a holiday falls: a fixed (month, day), or a number of days after Orthodox Easter.
enum Rule {
    Fixed(u32, u32),
    AfterEaster(i8),
}

impl HolidayKind {
    /// Every holiday, in the order the law lists them; holidays sharing a date keep this order.
    pub const ALL: [Self; 17] = [
        Self::NewYear,
        Self::NewYearSecondDay,
        Self::Epiphany,
        Self::SaintJohnTheBaptist,
        Self::UnionDay,
        Self::GoodFriday,
        Self::Easter,
        Self::EasterMonday,
        Self::LabourDay,
        Self::ChildrensDay,
        Self::Pentecost,
        Self::PentecostMonday,
        Self::Assumption,
        Self::SaintAndrew,
        Self::NationalDay,
        Self::Christmas,
        Self::ChristmasSecondDay,
    ];

    /// The stable snake_case key (database, JSON, translation catalogues).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::NewYear => "new_year",
            Self::NewYearSecondDay => "new_year_second_day",
            Self::Epiphany => "epiphany",
            Self::SaintJohnTheBaptist => "saint_john_the_baptist",
            Self::UnionDay => "union_day",
            Self::GoodFriday => "good_friday",
            Self::Easter => "easter",
            Self::EasterMonday => "easter_monday",
            Self::LabourDay => "labour_day",
            Self::ChildrensDay => "childrens_day",
            Self::Pentecost => "pentecost",
            Self::PentecostMonday => "pentecost_monday",
            Self::Assumption => "assumption",
            Self::SaintAndrew => "saint_andrew",
            Self::NationalDay => "national_day",
            Self::Christmas => "christmas",
            Self::ChristmasSecondDay => "christmas_second_day",
        }
    }

    /// The catalogue key of its name; in Romanian as the press and the authorities write it
    /// (ș and ț with comma below).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::NewYear => "holiday.new_year",
            Self::NewYearSecondDay => "holiday.new_year_second_day",
            Self::Epiphany => "holiday.epiphany",
            Self::SaintJohnTheBaptist => "holiday.saint_john_the_baptist",
            Self::UnionDay => "holiday.union_day",
            Self::GoodFriday => "holiday.good_friday",
            Self::Easter => "holiday.easter",
            Self::EasterMonday => "holiday.easter_monday",
            Self::LabourDay => "holiday.labour_day",
            Self::ChildrensDay => "holiday.childrens_day",
            Self::Pentecost => "holiday.pentecost",
            Self::PentecostMonday => "holiday.pentecost_monday",
            Self::Assumption => "holiday.assumption",
            Self::SaintAndrew => "holiday.saint_andrew",
            Self::NationalDay => "holiday.national_day",
            Self::Christmas => "holiday.christmas",
            Self::ChristmasSecondDay => "holiday.christmas_second_day",
        }
    }

    const fn rule(self) -> Rule {
        match self {
            Self::NewYear => Rule::Fixed(1, 1),
            Self::NewYearSecondDay => Rule::Fixed(1, 2),
            Self::Epiphany => Rule::Fixed(1, 6),
            Self::SaintJohnTheBaptist => Rule::Fixed(1, 7),
            Self::UnionDay => Rule::Fixed(1, 24),
            Self::GoodFriday => Rule::AfterEaster(-2),
            Self::Easter => Rule::AfterEaster(0),
            Self::EasterMonday => Rule::AfterEaster(1),
            Self::LabourDay => Rule::Fixed(5, 1),
            Self::ChildrensDay => Rule::Fixed(6, 1),
            // Rusalii: the fiftieth day counting Easter Sunday as the first.
            Self::Pentecost => Rule::AfterEaster(49),
            Self::PentecostMonday => Rule::AfterEaster(50),
            Self::Assumption => Rule::Fixed(8, 15),
            Self::SaintAndrew => Rule::Fixed(11, 30),
            Self::NationalDay => Rule::Fixed(12, 1),
            Self::Christmas => Rule::Fixed(12, 25),
            Self::ChristmasSecondDay => Rule::Fixed(12, 26),
        }
    }

    /// The date of this holiday in `year`, given that year's Orthodox Easter.
    fn date(self, year: i32, easter: Option<NaiveDate>) -> Option<NaiveDate> {
        match self.rule() {
            Rule::Fixed(month, day) => NaiveDate::from_ymd_opt(year, month, day),
            Rule::AfterEaster(offset) => {
                let shift = Days::new(u64::from(offset.unsigned_abs()));
                let easter = easter?;
                if offset < 0 {
                    easter.checked_sub_days(shift)
                } else {
                    easter.checked_add_days(shift)
                }
            }
        }
    }
}

impl fmt::Display for HolidayKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not the key of any [`HolidayKind`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown holiday kind {0:?}")]
pub struct UnknownHolidayKind(pub String);

impl FromStr for HolidayKind {
    type Err = UnknownHolidayKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| UnknownHolidayKind(s.to_owned()))
    }
}

/// One public holiday on one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Holiday {
    pub date: NaiveDate,
    pub kind: HolidayKind,
}

/// Every holiday of `year` with its date, in the law's order; no allocation.
fn holidays_of(year: i32) -> impl Iterator<Item = Holiday> {
    let easter = orthodox_easter(year);
    HolidayKind::ALL.into_iter().filter_map(move |kind| {
        let date = kind.date(year, easter)?;
        Some(Holiday { date, kind })
    })
}

/// The public holidays of `year`, sorted by date: always 17 entries for supported years.
///
/// Two holidays on the same date (1 June and Rusalii Monday in 2026) stay two entries,
/// in the law's order, so each keeps its own name and key; displays merge them.
/// Years outside [`SUPPORTED_YEARS`] get today's law applied mechanically.
#[must_use]
pub fn public_holidays(year: i32) -> Vec<Holiday> {
    let mut holidays: Vec<Holiday> = holidays_of(year).collect();
    // A stable sort keeps the law's order among holidays that share a date.
    holidays.sort_by_key(|holiday| holiday.date);
    holidays
}

/// Whether `date` is a Romanian public holiday. Computes the year's Easter; allocates nothing.
#[must_use]
pub fn is_public_holiday(date: NaiveDate) -> bool {
    holidays_of(date.year()).any(|holiday| holiday.date == date)
}
