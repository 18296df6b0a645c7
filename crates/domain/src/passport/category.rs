//! Which documents list a person falls under (the wizard's "who" question, SPEC J7).
//!
//! Domicile decides first, age second. The official texts give citizens domiciled abroad
//! their own lists (the passport then names the state of domicile), with a separate list
//! for minors domiciled abroad. So every person domiciled abroad is [`DomicileAbroad`],
//! whatever the age; their fee, validity and fingerprints still follow the age, and
//! [`documents_for`](super::documents_for) adds the minor-abroad documents for a minor.
//!
//! [`DomicileAbroad`]: HolderCategory::DomicileAbroad

use std::fmt;
use std::str::FromStr;

use super::UnknownName;

/// The four lists of the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HolderCategory {
    /// Aged 18 or more, domiciled in Romania.
    Adult,
    /// Under 14, domiciled in Romania: the parents apply.
    MinorUnder14,
    /// 14 to 17, domiciled in Romania: the minor applies with the parents' consent.
    Minor14To17,
    /// Domiciled abroad, any age.
    DomicileAbroad,
}

impl HolderCategory {
    /// All categories, in the wizard's order.
    pub const ALL: [Self; 4] = [
        Self::Adult,
        Self::MinorUnder14,
        Self::Minor14To17,
        Self::DomicileAbroad,
    ];

    /// The stable id (wizard URLs, translation keys).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Adult => "adult",
            Self::MinorUnder14 => "minor_under_14",
            Self::Minor14To17 => "minor_14_17",
            Self::DomicileAbroad => "domicile_abroad",
        }
    }

    /// The catalogue key of the wizard's choice.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Adult => "holder_category.adult",
            Self::MinorUnder14 => "holder_category.minor_under_14",
            Self::Minor14To17 => "holder_category.minor_14_17",
            Self::DomicileAbroad => "holder_category.domicile_abroad",
        }
    }
}

impl fmt::Display for HolderCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for HolderCategory {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| UnknownName {
                kind: "holder category",
                value: s.to_owned(),
            })
    }
}

/// The category of a person of `age` whole years (on the appointment date).
#[must_use]
pub const fn category(age: u32, domicile_abroad: bool) -> HolderCategory {
    match (domicile_abroad, age) {
        (true, _) => HolderCategory::DomicileAbroad,
        (false, 18..) => HolderCategory::Adult,
        (false, 14..) => HolderCategory::Minor14To17,
        (false, _) => HolderCategory::MinorUnder14,
    }
}
