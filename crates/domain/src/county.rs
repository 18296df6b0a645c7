//! The 41 counties (județe) and the Municipality of Bucharest: their standard codes,
//! names with correct diacritics, and the CNP `JJ` codes that point to each.
//!
//! The table itself is in `table.rs`, the lookups by standard code and by CNP code in
//! `lookup.rs`.

mod lookup;
mod table;

pub use table::COUNTIES;

use std::fmt;

/// One of Romania's 41 counties, or the Municipality of Bucharest.
///
/// Only the 42 values in [`COUNTIES`] exist: the fields are private so no other
/// "county" can be made up elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct County {
    code: &'static str,
    name: &'static str,
    cnp_codes: &'static [u8],
}

impl County {
    /// The standard county code, as on number plates: `"AB"`, `"B"`, `"VN"`.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        self.code
    }

    /// The name with Romanian diacritics (comma-below ș ț): `"Argeș"`, `"București"`.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The CNP `JJ` codes that designate this county (Bucharest has its own and its sectors').
    #[must_use]
    pub const fn cnp_codes(&self) -> &'static [u8] {
        self.cnp_codes
    }

    /// Whether this is the Municipality of Bucharest rather than a county.
    #[must_use]
    pub fn is_bucharest(&self) -> bool {
        self.code == "B"
    }
}

impl fmt::Display for County {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

#[cfg(test)]
mod tests;
