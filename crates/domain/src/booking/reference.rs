//! The short booking reference people can read over the phone (issue 12): 8 characters
//! of Crockford's base 32 (digits and capitals without I, L, O and U) in two groups of
//! four, `PJ7K-3QXD`. It is the first 40 bits of the booking's random id, so it needs no
//! column, no uniqueness retry and no second random source; the 32-hex id stays the
//! internal key. Reading is forgiving as Crockford intends: any case, with or without
//! the hyphen or spaces, `O` read as `0`, `I` and `L` as `1`.
//!
//! 40 random bits make two bookings of one office's day share a reference with odds of
//! about one in ten billion; a search by reference answers every booking that has it.

use std::fmt;

/// Crockford's base-32 digits, in value order.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// How many characters a reference has (two groups of four).
pub const REFERENCE_LEN: usize = 8;

/// A booking reference: 40 bits, shown as two groups of four (`PJ7K-3QXD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BookingReference(u64);

/// Why a typed reference is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    /// Not 8 characters once the hyphen and spaces are left out.
    #[error("a booking reference has 8 characters, not {found}")]
    Length { found: usize },
    /// A character outside the alphabet (`U`, punctuation…).
    #[error("{found:?} is not a character of a booking reference")]
    Character { found: char },
}

impl BookingReference {
    /// The reference of the booking whose id is `id_hex` (its first 10 hex digits), or
    /// `None` when the id does not start with 10 hex digits.
    #[must_use]
    pub fn of_id(id_hex: &str) -> Option<Self> {
        let prefix = id_hex.get(..10)?;
        if !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u64::from_str_radix(prefix, 16).ok().map(Self)
    }

    /// Reads a typed reference.
    ///
    /// # Errors
    /// Its length without separators is not 8, or a character is not of the alphabet.
    pub fn parse(text: &str) -> Result<Self, ReferenceError> {
        let mut value = 0u64;
        let mut found = 0usize;
        for c in text.chars().filter(|c| !matches!(c, '-' | ' ' | '\u{a0}')) {
            let digit = digit(c).ok_or(ReferenceError::Character { found: c })?;
            found += 1;
            if found <= REFERENCE_LEN {
                value = value << 5 | u64::from(digit);
            }
        }
        if found == REFERENCE_LEN {
            Ok(Self(value))
        } else {
            Err(ReferenceError::Length { found })
        }
    }

    /// The 10 lowercase hex digits every id of a booking with this reference starts with.
    #[must_use]
    pub fn id_prefix(self) -> String {
        format!("{:010x}", self.0)
    }
}

/// The value of one typed character, with Crockford's substitutions.
fn digit(c: char) -> Option<u8> {
    let upper = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|&a| char::from(a) == upper)
        .and_then(|p| u8::try_from(p).ok())
}

impl fmt::Display for BookingReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = [0u8; REFERENCE_LEN];
        for (i, slot) in text.iter_mut().enumerate() {
            let shift = 5 * (REFERENCE_LEN - 1 - i);
            *slot = ALPHABET[((self.0 >> shift) & 31) as usize];
        }
        let text = std::str::from_utf8(&text).map_err(|_| fmt::Error)?;
        write!(f, "{}-{}", &text[..4], &text[4..])
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn an_id_gives_its_reference_in_two_groups_of_four() {
        let reference = BookingReference::of_id("0000000000ffffffffffffffffffffff").unwrap();
        assert_eq!(reference.to_string(), "0000-0000");
        let reference = BookingReference::of_id("ffffffffff000000").unwrap();
        assert_eq!(reference.to_string(), "ZZZZ-ZZZZ");
        // 0x0123456789 = 0b00000 00100 10001 10100 01010 11001 11100 01001
        let reference = BookingReference::of_id("0123456789abcdef").unwrap();
        assert_eq!(reference.to_string(), "04HM-ASW9");
        assert_eq!(reference.id_prefix(), "0123456789");
    }

    #[test]
    fn what_is_not_an_id_has_no_reference() {
        assert_eq!(BookingReference::of_id("0123"), None);
        assert_eq!(
            BookingReference::of_id("0123456789"),
            BookingReference::of_id("0123456789ab")
        );
        assert_eq!(BookingReference::of_id("01234g6789ab"), None);
        assert_eq!(BookingReference::of_id("é123456789ab"), None);
    }

    #[test]
    fn typing_is_forgiving_as_crockford_intends() {
        let reference = BookingReference::parse("04HM-ASW9").unwrap();
        for typed in [
            "04hm-asw9",
            "04HMASW9",
            " 04HM ASW9 ",
            "O4HM-ASW9",
            "04hm asw9",
        ] {
            assert_eq!(BookingReference::parse(typed), Ok(reference), "{typed}");
        }
        assert_eq!(
            BookingReference::parse("1111-1111"),
            BookingReference::parse("IiLl-1I1L")
        );
    }

    #[test]
    fn wrong_lengths_and_characters_are_named() {
        assert_eq!(
            BookingReference::parse("04HM-ASW"),
            Err(ReferenceError::Length { found: 7 })
        );
        assert_eq!(
            BookingReference::parse("04HM-ASW99"),
            Err(ReferenceError::Length { found: 9 })
        );
        assert_eq!(
            BookingReference::parse(""),
            Err(ReferenceError::Length { found: 0 })
        );
        assert_eq!(
            BookingReference::parse("04HM-ASWU"),
            Err(ReferenceError::Character { found: 'U' })
        );
        assert_eq!(
            BookingReference::parse("04HM_ASW9"),
            Err(ReferenceError::Character { found: '_' })
        );
    }

    proptest! {
        #[test]
        fn a_reference_reads_back_and_finds_its_id(id in "[0-9a-f]{32}") {
            let reference = BookingReference::of_id(&id).unwrap();
            let shown = reference.to_string();
            prop_assert_eq!(shown.len(), 9);
            prop_assert!(shown.chars().all(|c| c == '-' || ALPHABET.contains(&(c as u8))));
            prop_assert!(!shown.contains(['I', 'L', 'O', 'U']));
            prop_assert_eq!(BookingReference::parse(&shown), Ok(reference));
            prop_assert_eq!(BookingReference::parse(&shown.to_lowercase()), Ok(reference));
            prop_assert!(id.starts_with(&reference.id_prefix()));
        }
    }
}
