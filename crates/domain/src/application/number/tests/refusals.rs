//! Every way a number can be wrong, refused without panicking; letters that read alike
//! are never check letters.

use super::*;

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
