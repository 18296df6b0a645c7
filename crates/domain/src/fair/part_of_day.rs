//! The part of the day an entrant can come: `any`, `morning` (slots before 12:00) or
//! `afternoon` (12:00 and later).

use std::fmt;
use std::str::FromStr;

use chrono::NaiveTime;

use crate::booking::UnknownName;

/// Noon: `morning` slots start before it, `afternoon` ones at or after it.
pub const NOON: NaiveTime = match NaiveTime::from_hms_opt(12, 0, 0) {
    Some(time) => time,
    None => panic!("12:00 is a time"),
};

/// When in the day an entrant can come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartOfDay {
    /// Any slot (the default when the entrant does not say).
    #[default]
    Any,
    /// Slots starting before 12:00.
    Morning,
    /// Slots starting at 12:00 or later.
    Afternoon,
}

impl PartOfDay {
    pub const ALL: [Self; 3] = [Self::Any, Self::Morning, Self::Afternoon];

    /// The stable name (form, JSON, database).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Any => "any",
            Self::Morning => "morning",
            Self::Afternoon => "afternoon",
        }
    }

    /// Whether a slot starting at office-local `time` suits this part of day.
    #[must_use]
    pub fn admits(self, time: NaiveTime) -> bool {
        match self {
            Self::Any => true,
            Self::Morning => time < NOON,
            Self::Afternoon => time >= NOON,
        }
    }
}

impl fmt::Display for PartOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PartOfDay {
    type Err = UnknownName;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|part| part.as_str() == text)
            .ok_or_else(|| UnknownName {
                kind: "part of day",
                value: text.to_owned(),
            })
    }
}
