//! How a CNP prints and compares: the digits in `Display`, a masked `Debug`, and
//! equality, hashing and order by the digits alone.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use super::Cnp;

impl fmt::Display for Cnp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Cnp {
    /// Masked: a CNP in a log line or panic message would leak personal data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cnp(<redacted>)")
    }
}

impl PartialEq for Cnp {
    fn eq(&self, other: &Self) -> bool {
        self.digits == other.digits
    }
}

impl Eq for Cnp {}

impl Hash for Cnp {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.digits.hash(state);
    }
}

impl PartialOrd for Cnp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Cnp {
    fn cmp(&self, other: &Self) -> Ordering {
        self.digits.cmp(&other.digits)
    }
}
