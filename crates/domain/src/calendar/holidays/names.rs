//! Each holiday's stable key and catalogue key, and parsing the key back.

use std::fmt;
use std::str::FromStr;

use super::HolidayKind;

impl HolidayKind {
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
