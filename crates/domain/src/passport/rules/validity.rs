//! How long a passport is valid, by type and age, and when it expires.

use chrono::{Months, NaiveDate};

use super::PassportType;

/// How long a passport is valid from its issue date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Validity {
    /// Whole calendar years.
    Years(u8),
    /// Whole calendar months.
    Months(u8),
}

impl Validity {
    /// The length in calendar months (for comparisons and storage).
    #[must_use]
    pub const fn months(self) -> u32 {
        match self {
            Self::Years(y) => y as u32 * 12,
            Self::Months(m) => m as u32,
        }
    }

    /// The expiry date of a passport issued on `issued`: the same day of the month,
    /// `months()` later. When that day does not exist (29 February in a common year,
    /// the 31st of a short month) it is the last day of that month: a passport issued on
    /// 29 Feb 2024 for 10 years expires on 28 Feb 2034. Saturates at the largest date
    /// chrono represents rather than panicking.
    #[must_use]
    pub fn expires_on(self, issued: NaiveDate) -> NaiveDate {
        issued
            .checked_add_months(Months::new(self.months()))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The catalogue key of its wording, a counted noun: the shell picks the plural form
    /// for [`count`](Self::count) ("1 an", "10 ani", "20 de ani"; "1 year", "10 years").
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Years(_) => "validity.years",
            Self::Months(_) => "validity.months",
        }
    }

    /// The number of years or months.
    #[must_use]
    pub const fn count(self) -> u8 {
        match self {
            Self::Years(n) | Self::Months(n) => n,
        }
    }
}

/// How long before its expiry a holder who asked is reminded (issue 12): 6 months.
pub const EXPIRY_REMINDER_MONTHS: u32 = 6;

/// The day to e-mail the reminder of a passport that expires on `expires`:
/// [`EXPIRY_REMINDER_MONTHS`] before it (the last day of the month when that day does not
/// exist: 31 August → 28 or 29 February).
#[must_use]
pub fn expiry_reminder_on(expires: NaiveDate) -> NaiveDate {
    expires
        .checked_sub_months(Months::new(EXPIRY_REMINDER_MONTHS))
        .unwrap_or(NaiveDate::MIN)
}

/// The validity of a passport issued to a holder of `age` whole years: electronic 10 years
/// from 18, 5 years from 12 to 17, 3 years under 12; temporary 12 months at any age.
#[must_use]
pub const fn validity(passport: PassportType, age: u32) -> Validity {
    match passport {
        PassportType::Electronic if age >= 18 => Validity::Years(10),
        PassportType::Electronic if age >= 12 => Validity::Years(5),
        PassportType::Electronic => Validity::Years(3),
        PassportType::Temporary => Validity::Months(12),
    }
}
