//! Every number reads back as itself, and the check letter catches every single-digit
//! mistake and every swap of two different adjacent digits.

use proptest::prelude::*;

use super::*;
use crate::county::COUNTIES;

fn numbers_up_to(max_serial: u32) -> impl Strategy<Value = ApplicationNumber> {
    (
        prop::sample::select(COUNTIES.to_vec()),
        2000_i32..=2100,
        1_u32..=max_serial,
    )
        .prop_map(|(county, year, serial)| {
            ApplicationNumber::new(county.code(), year, serial).expect("valid parts")
        })
}

fn any_number() -> impl Strategy<Value = ApplicationNumber> {
    numbers_up_to(ApplicationNumber::MAX_SERIAL)
}

/// Serials printed at their padded width, so every digit is part of the checked body.
fn padded_number() -> impl Strategy<Value = ApplicationNumber> {
    numbers_up_to(999_999)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn printed_numbers_parse_back_to_themselves(n in any_number()) {
        prop_assert_eq!(n.to_string().parse::<ApplicationNumber>(), Ok(n));
        prop_assert_eq!(n.to_string().to_lowercase().parse::<ApplicationNumber>(), Ok(n));
    }

    #[test]
    fn changing_one_digit_is_always_caught(n in padded_number(), at in 0_usize..64, delta in 1_u8..10) {
        let printed = n.to_string();
        let digits: Vec<usize> = printed.char_indices().filter(|(_, c)| c.is_ascii_digit()).map(|(i, _)| i).collect();
        let i = digits[at % digits.len()];
        let mut bytes = printed.into_bytes();
        bytes[i] = b'0' + (bytes[i] - b'0' + delta) % 10;
        let typed = String::from_utf8(bytes).expect("ASCII");
        prop_assert!(typed.parse::<ApplicationNumber>().is_err(), "{} parsed", typed);
    }

    #[test]
    fn swapping_two_adjacent_different_digits_is_always_caught(n in padded_number(), at in 0_usize..64) {
        let printed = n.to_string();
        let bytes = printed.as_bytes();
        let pairs: Vec<usize> = (0..bytes.len() - 1)
            .filter(|&i| bytes[i].is_ascii_digit() && bytes[i + 1].is_ascii_digit() && bytes[i] != bytes[i + 1])
            .collect();
        prop_assume!(!pairs.is_empty());
        let i = pairs[at % pairs.len()];
        let mut swapped = bytes.to_vec();
        swapped.swap(i, i + 1);
        let typed = String::from_utf8(swapped).expect("ASCII");
        prop_assert!(typed.parse::<ApplicationNumber>().is_err(), "{} parsed", typed);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,50}") {
        let _ = text.parse::<ApplicationNumber>();
    }
}
