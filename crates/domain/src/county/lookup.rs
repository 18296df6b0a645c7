//! Finding a county by its standard code or by a CNP `JJ` code.

use super::{COUNTIES, County};

impl County {
    /// Finds a county by its standard code, ignoring ASCII case (`"cj"` finds Cluj),
    /// because codes arrive from URLs and forms typed by people.
    #[must_use]
    pub fn by_code(code: &str) -> Option<&'static County> {
        COUNTIES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
    }

    /// Finds the county a CNP `JJ` code designates (01–47, 51, 52); `None` for codes that
    /// name no single county (70, 80–83, the "unknown" ones) and for invalid codes.
    #[must_use]
    pub fn by_cnp_code(jj: u8) -> Option<&'static County> {
        COUNTIES.iter().find(|c| c.cnp_codes.contains(&jj))
    }
}
