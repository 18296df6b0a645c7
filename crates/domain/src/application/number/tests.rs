//! Application numbers: the printed form, the check letter worked out by hand, lenient
//! reading of what people type, and every way a number can be wrong.

use super::*;

fn number(text: &str) -> Result<ApplicationNumber, ApplicationNumberError> {
    text.parse()
}

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

#[test]
fn malformed_numbers_are_refused_without_panicking() {
    for typed in [
        "",
        "-",
        "K",
        "CJ",
        "CJ-2026",
        "CJ-2026-K",
        "CJX-2026-000123-K",
        "CJ-2026-000123-7",
        "CJ-2026-000123-KK",
        "CJ-2-1-K",
        "CJ-2026-0001234567890-K",
        "CJ_2026_000123_K",
        "CJ-2026-000123-K\u{a0}",
        "ČJ-2026-000123-K",
        "CJ-٢٠٢٦-000123-K",
        "<script>",
    ] {
        assert_eq!(
            number(typed),
            Err(ApplicationNumberError::Format),
            "{typed:?}"
        );
    }
    assert_eq!(number(&"9".repeat(41)), Err(ApplicationNumberError::Format));
}

#[test]
fn counties_years_and_serials_are_checked() {
    assert_eq!(
        ApplicationNumber::new("XX", 2026, 1),
        Err(ApplicationNumberError::UnknownCounty)
    );
    assert_eq!(
        number("XX-2026-000001-A"),
        Err(ApplicationNumberError::UnknownCounty)
    );
    assert_eq!(
        ApplicationNumber::new("CJ", 1999, 1),
        Err(ApplicationNumberError::Year)
    );
    assert_eq!(
        ApplicationNumber::new("CJ", -5, 1),
        Err(ApplicationNumberError::Year)
    );
    assert_eq!(
        ApplicationNumber::new("CJ", 2026, 0),
        Err(ApplicationNumberError::Serial)
    );
    assert_eq!(
        ApplicationNumber::new("CJ", 2026, ApplicationNumber::MAX_SERIAL + 1),
        Err(ApplicationNumberError::Serial)
    );
    assert_eq!(
        number("CJ-2026-000000-A"),
        Err(ApplicationNumberError::Serial)
    );
}

#[test]
fn check_letters_avoid_i_o_and_q() {
    for serial in 1..=500 {
        let letter = ApplicationNumber::new("AB", 2026, serial)
            .unwrap()
            .check_letter();
        assert!(
            letter.is_ascii_uppercase() && !"IOQ".contains(letter),
            "{letter}"
        );
    }
}
