//! Application numbers: the printed form, the check letter worked out by hand, lenient
//! reading of what people type, and every way a number can be wrong.

mod reading;
mod refusals;

use super::*;

fn number(text: &str) -> Result<ApplicationNumber, ApplicationNumberError> {
    text.parse()
}
