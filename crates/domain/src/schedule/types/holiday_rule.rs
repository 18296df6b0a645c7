//! Whether Romanian public holidays close an office, and the rule's stable names.

use std::fmt;
use std::str::FromStr;

/// Whether Romanian public holidays close the office automatically (SPEC §3, §5.2).
///
/// SPEC §3 closes offices on Romanian public holidays automatically and exempts no one, so
/// [`HolidayRule::Romanian`] is the default for every office, missions abroad included
/// (a state office closes on the state's holidays). A mission abroad enters its host
/// country's holidays as date exceptions; a date exception with special hours opens any
/// office on a holiday; `Ignore` turns the automatic closure off for an office entirely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HolidayRule {
    #[default]
    Romanian,
    Ignore,
}

impl HolidayRule {
    /// The stable snake_case name (database, JSON).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Romanian => "romanian",
            Self::Ignore => "ignore",
        }
    }
}

impl fmt::Display for HolidayRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not the name of a [`HolidayRule`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown holiday rule {0:?} (expected \"romanian\" or \"ignore\")")]
pub struct UnknownHolidayRule(pub String);

impl FromStr for HolidayRule {
    type Err = UnknownHolidayRule;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "romanian" => Ok(Self::Romanian),
            "ignore" => Ok(Self::Ignore),
            other => Err(UnknownHolidayRule(other.to_owned())),
        }
    }
}
