//! Parts, sums and parsing of amounts.

use super::*;

#[test]
fn the_parts_split_lei_and_bani() {
    assert_eq!((COURIER_FEE.lei(), COURIER_FEE.bani()), (11, 30));
    assert_eq!(Bani::from_lei(96), Bani(9600));
    assert_eq!(Bani::from_lei(u32::MAX), Bani(u32::MAX));
}

#[test]
fn the_fees_are_the_official_amounts() {
    assert_eq!(ELECTRONIC_FEE, Bani(25_800));
    assert_eq!(ELECTRONIC_FEE_UNDER_12, Bani(23_400));
    assert_eq!(TEMPORARY_FEE, Bani(9_600));
    assert_eq!(COURIER_FEE, Bani(1_130));
}

#[test]
fn typed_amounts_parse_with_comma_or_dot_and_up_to_two_decimals() {
    for (input, bani) in [
        ("258", 25_800),
        ("258,00", 25_800),
        (" 11,30 ", 1_130),
        ("11.30", 1_130),
        ("11,3", 1_130),
        ("0,05", 5),
        ("0", 0),
    ] {
        assert_eq!(input.parse::<Bani>(), Ok(Bani(bani)), "{input:?}");
    }
}

#[test]
fn malformed_amounts_are_refused_with_the_reason() {
    use ParseBaniError as E;
    for (input, err) in [
        ("", E::Empty),
        ("   ", E::Empty),
        ("1.234", E::TooManyDecimals),
        ("11,305", E::TooManyDecimals),
        ("-5", E::InvalidCharacter),
        ("+5", E::InvalidCharacter),
        ("258 lei", E::InvalidCharacter),
        ("258,", E::InvalidCharacter),
        (",50", E::InvalidCharacter),
        ("1,2,3", E::InvalidCharacter),
        ("١٢", E::InvalidCharacter),
        ("42949673", E::TooLarge),
        ("99999999999999999999", E::TooLarge),
    ] {
        assert_eq!(input.parse::<Bani>(), Err(err), "{input:?}");
    }
}

#[test]
fn sums_report_overflow_instead_of_wrapping() {
    assert_eq!(Bani(1).checked_add(Bani(2)), Some(Bani(3)));
    assert_eq!(Bani(u32::MAX).checked_add(Bani(1)), None);
}
