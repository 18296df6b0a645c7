//! The sex a CNP records in its first digit: odd male, even female.

use std::fmt;
use std::str::FromStr;

/// Sex as the CNP's first digit records it: odd male, even female.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// `'M'` or `'F'`, as printed in passports and by the `cnp` command.
    #[must_use]
    pub const fn as_letter(self) -> char {
        match self {
            Self::Male => 'M',
            Self::Female => 'F',
        }
    }

    /// The stable name used in the database and JSON: `"male"` or `"female"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
        }
    }
}

impl FromStr for Sex {
    type Err = UnknownSex;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "male" => Ok(Self::Male),
            "female" => Ok(Self::Female),
            _ => Err(UnknownSex),
        }
    }
}

impl fmt::Display for Sex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text that is not one of [`Sex::as_str`]'s names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown sex (expected \"male\" or \"female\")")]
pub struct UnknownSex;
