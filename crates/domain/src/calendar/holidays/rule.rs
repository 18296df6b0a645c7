//! When each holiday falls: a fixed day of the year, or a number of days after Orthodox
//! Easter.

use chrono::{Days, NaiveDate};

use super::HolidayKind;

/// When a holiday falls: a fixed (month, day), or a number of days after Orthodox Easter.
enum Rule {
    Fixed(u32, u32),
    AfterEaster(i8),
}

impl HolidayKind {
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
    pub(super) fn date(self, year: i32, easter: Option<NaiveDate>) -> Option<NaiveDate> {
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
