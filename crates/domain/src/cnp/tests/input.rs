//! The input policy: what typed text is accepted around and between the 13 digits.

use super::{CnpError, parse};

fn invalid_char(position: usize, found: char) -> Result<String, CnpError> {
    Err(CnpError::InvalidCharacter { position, found })
}

fn canonical(input: &str) -> Result<String, CnpError> {
    parse(input).map(|cnp| cnp.to_string())
}

#[test]
fn spaces_inside_and_around_are_ignored() {
    assert_eq!(canonical(" 1 800101 22114 4 "), Ok("1800101221144".into()));
}

#[test]
fn hyphens_inside_are_ignored() {
    assert_eq!(canonical("1800101-221144"), Ok("1800101221144".into()));
    assert_eq!(canonical("1-800-101-221-144"), Ok("1800101221144".into()));
}

#[test]
fn surrounding_ascii_whitespace_is_trimmed() {
    assert_eq!(canonical("1800101221144\n"), Ok("1800101221144".into()));
    assert_eq!(canonical("\t1800101221144\r\n"), Ok("1800101221144".into()));
}

#[test]
fn a_tab_inside_is_rejected() {
    assert_eq!(canonical("1800101\t221144"), invalid_char(8, '\t'));
}

#[test]
fn a_no_break_space_is_rejected_inside_and_around() {
    assert_eq!(canonical("1800101\u{a0}221144"), invalid_char(8, '\u{a0}'));
    assert_eq!(canonical("\u{a0}1800101221144"), invalid_char(1, '\u{a0}'));
}

#[test]
fn an_en_dash_is_rejected() {
    assert_eq!(canonical("1800101–221144"), invalid_char(8, '–'));
}

#[test]
fn fullwidth_digits_are_rejected() {
    assert_eq!(canonical("１800101221144"), invalid_char(1, '１'));
}

#[test]
fn arabic_indic_digits_are_rejected() {
    assert_eq!(canonical("1800101221١٤٤"), invalid_char(11, '١'));
}

#[test]
fn letters_are_rejected_even_when_they_look_like_digits() {
    assert_eq!(canonical("18001O1221144"), invalid_char(6, 'O'));
}

#[test]
fn positions_count_characters_from_1_after_trimming() {
    // 'ă' takes two bytes; the position must not count bytes.
    assert_eq!(canonical("  1ăă"), invalid_char(2, 'ă'));
}

#[test]
fn a_bad_character_is_reported_before_a_bad_length() {
    assert_eq!(canonical("12x"), invalid_char(3, 'x'));
}

#[test]
fn empty_input_is_empty() {
    for input in ["", "   ", "\n", " - - ", "\r\n"] {
        assert_eq!(canonical(input), Err(CnpError::Empty), "{input:?}");
    }
}

#[test]
fn only_exactly_13_digits_are_accepted() {
    assert_eq!(
        canonical("180010122114"),
        Err(CnpError::Length { found: 12 })
    );
    assert_eq!(
        canonical("18001012211441"),
        Err(CnpError::Length { found: 14 })
    );
    assert_eq!(canonical("1"), Err(CnpError::Length { found: 1 }));
}

#[test]
fn a_megabyte_of_digits_is_just_too_long() {
    let input = "1".repeat(1 << 20);

    assert_eq!(canonical(&input), Err(CnpError::Length { found: 1 << 20 }));
}

#[test]
fn the_error_names_the_character_but_none_of_the_digits_around_it() {
    let error = parse("1800101\u{a0}221144").expect_err("invalid");

    assert_eq!(error.to_string(), "invalid character U+00A0 at position 8");
}
