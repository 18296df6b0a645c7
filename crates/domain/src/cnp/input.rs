//! The input policy: how typed text becomes 13 ASCII digits (SPEC §5.1, first rule).

use super::CnpError;

/// Reduces typed text to its 13 ASCII digits.
///
/// Surrounding ASCII whitespace is trimmed; inside, ASCII spaces and hyphens are
/// ignored because people type `1 850101 12345 6` or copy `1850101-123456`. Anything
/// else is rejected, look-alikes included (Arabic-Indic or fullwidth digits, no-break
/// spaces, en dashes, tabs): accepting them would let two different texts stand for
/// one stored CNP in ways nobody can see.
///
/// Runs in one pass over the input and never allocates, so huge inputs are cheap.
pub(super) fn canonical_digits(input: &str) -> Result<[u8; 13], CnpError> {
    let mut digits = [0u8; 13];
    let mut found = 0usize;
    for (index, c) in input.trim_ascii().chars().enumerate() {
        match c {
            '0'..='9' => {
                if let Some(slot) = digits.get_mut(found) {
                    // An ASCII digit is one byte, so this cast is exact.
                    *slot = c as u8;
                }
                found += 1;
            }
            ' ' | '-' => {}
            _ => {
                return Err(CnpError::InvalidCharacter {
                    position: index + 1,
                    found: c,
                });
            }
        }
    }
    match found {
        0 => Err(CnpError::Empty),
        13 => Ok(digits),
        _ => Err(CnpError::Length { found }),
    }
}
