//! How many working days issuance takes, by passport type.

use super::PassportType;

/// How many working days issuance takes, counted from the day the application is
/// submitted. Calendar dates come from `calendar::add_working_days` in the shell: this
/// module stays free of the holiday table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Issuance {
    /// The ordinary term.
    pub working_days: u8,
    /// The longest term in busy periods, when the ordinary one may stretch (electronic).
    pub busy_period_working_days: Option<u8>,
    /// The term in the urgent cases listed by law, proven by documents (temporary).
    pub urgent_working_days: Option<u8>,
}

impl Issuance {
    /// The longest the citizen may have to wait outside urgent cases.
    #[must_use]
    pub const fn max_working_days(self) -> u8 {
        match self.busy_period_working_days {
            Some(d) if d > self.working_days => d,
            _ => self.working_days,
        }
    }
}

/// Issuance terms: electronic 5 working days (up to 10 "depending on the volume of
/// applications"); temporary at most 3 working days in the urgent cases of the law,
/// otherwise 10 working days (MAI press release 13/2021).
#[must_use]
pub const fn issuance(passport: PassportType) -> Issuance {
    match passport {
        PassportType::Electronic => Issuance {
            working_days: 5,
            busy_period_working_days: Some(10),
            urgent_working_days: None,
        },
        PassportType::Temporary => Issuance {
            working_days: 10,
            busy_period_working_days: None,
            urgent_working_days: Some(3),
        },
    }
}
