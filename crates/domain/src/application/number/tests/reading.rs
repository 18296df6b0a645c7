//! The printed form, the check letter worked out by hand, and lenient reading of what
//! people type.

use super::*;

#[test]
fn the_123rd_cluj_application_of_2026_is_cj_2026_000123_k() {
    // C=12·1 + J=19·2 + 2·3 + 0·4 + 2·5 + 6·6 + 0 + 0 + 0 + 1·10 + 2·11 + 3·12 = 170;
    // 170 mod 23 = 9, the tenth letter of ABCDEFGHJK… is K.
    let n = ApplicationNumber::new("CJ", 2026, 123).unwrap();

    assert_eq!(n.to_string(), "CJ-2026-000123-K");
    assert_eq!(n.county().code(), "CJ");
    assert_eq!((n.year(), n.serial()), (2026, 123));
}

#[test]
fn bucharest_numbers_have_a_one_letter_prefix() {
    // B=11·1 + 2·2 + 0·3 + 2·4 + 6·5 + 1·11 = 64; 64 mod 23 = 18 → V.
    let n = ApplicationNumber::new("b", 2026, 1).unwrap();

    assert_eq!(n.to_string(), "B-2026-000001-V");
    assert_eq!(number("B-2026-000001-V"), Ok(n));
}

#[test]
fn serials_past_six_digits_print_wider() {
    let n = ApplicationNumber::new("IS", 2031, 1_234_567).unwrap();

    assert!(n.to_string().starts_with("IS-2031-1234567-"), "{n}");
    assert_eq!(number(&n.to_string()), Ok(n));
}

#[test]
fn people_may_type_lower_case_spaces_slashes_and_no_padding() {
    let n = ApplicationNumber::new("CJ", 2026, 123).unwrap();

    for typed in [
        "cj-2026-000123-k",
        " CJ 2026 000123 K ",
        "CJ/2026/123/K",
        "CJ2026000123K",
        "cj-2026-123-k",
    ] {
        assert_eq!(number(typed), Ok(n), "{typed:?}");
    }
}

#[test]
fn a_wrong_check_letter_is_a_typing_mistake() {
    assert_eq!(
        number("CJ-2026-000123-L"),
        Err(ApplicationNumberError::CheckLetter)
    );
    assert_eq!(
        number("CJ-2026-000132-K"),
        Err(ApplicationNumberError::CheckLetter),
        "swapped digits"
    );
}
