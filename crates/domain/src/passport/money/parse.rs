//! Reading a typed amount (a receipt's amount entered by a clerk) into bani.

use std::str::FromStr;

use super::Bani;

/// Why a typed amount (a receipt's amount entered by a clerk) was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ParseBaniError {
    /// Nothing but whitespace.
    #[error("the amount is empty")]
    Empty,
    /// A character other than ASCII digits and one decimal separator, or a separator
    /// without digits on both sides.
    #[error("the amount may contain only digits and one decimal comma")]
    InvalidCharacter,
    /// More than two digits after the separator: "1.234" is ambiguous
    /// (thousands or decimals?), so it is refused rather than guessed.
    #[error("the amount must have at most two decimals")]
    TooManyDecimals,
    /// Larger than the type holds.
    #[error("the amount is too large")]
    TooLarge,
}

/// Parses "258", "258,00", "11,30" or "11.30" (lei, optional 1–2 decimals).
impl FromStr for Bani {
    type Err = ParseBaniError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ParseBaniError::Empty);
        }
        let (whole, frac) = match s.find([',', '.']) {
            Some(i) => (&s[..i], &s[i + 1..]),
            None => (s, ""),
        };
        let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        let dangling_separator = frac.is_empty() && s.len() != whole.len();
        if whole.is_empty() || dangling_separator || !all_digits(whole) || !all_digits(frac) {
            return Err(ParseBaniError::InvalidCharacter);
        }
        if frac.len() > 2 {
            return Err(ParseBaniError::TooManyDecimals);
        }
        let lei: u32 = whole.parse().map_err(|_| ParseBaniError::TooLarge)?;
        // "11,3" means 11 lei 30 bani.
        let bani = match frac.len() {
            0 => 0,
            1 => u32::from(frac.as_bytes()[0] - b'0') * 10,
            _ => frac
                .parse::<u32>()
                .map_err(|_| ParseBaniError::InvalidCharacter)?,
        };
        lei.checked_mul(100)
            .and_then(|v| v.checked_add(bani))
            .map(Self)
            .ok_or(ParseBaniError::TooLarge)
    }
}
