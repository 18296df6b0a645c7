//! Unit tests of the CNP: published examples, accessors, masking. The rules and the
//! input policy have their own files below; the invariants are in `proptests`.

use chrono::NaiveDate;

use super::*;
use crate::county::County;

mod input;
mod rules;

/// The `today` of most tests: fixed, so the tests never depend on the clock.
pub(super) fn today() -> NaiveDate {
    date(2025, 6, 15)
}

pub(super) fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("test dates are real")
}

/// Completes 12 digits with their correct check digit.
pub(super) fn with_check(first12: &str) -> String {
    let mut values = [0u8; 12];
    for (slot, b) in values.iter_mut().zip(first12.bytes()) {
        *slot = b - b'0';
    }
    format!("{first12}{}", check_digit(&values))
}

/// Parses with the fixed `today`.
pub(super) fn parse(input: &str) -> Result<Cnp, CnpError> {
    Cnp::parse(input, today())
}

#[test]
fn the_widely_used_example_1800101221144_is_valid() {
    // By hand: digits 1 8 0 0 1 0 1 2 2 1 1 4 times key 2 7 9 1 4 6 3 5 8 2 7 9 give
    // 2+56+0+0+4+0+3+10+16+2+7+36 = 136; 136 mod 11 = 4, the last digit.
    let cnp = parse("1800101221144").expect("valid");

    assert_eq!(cnp.birth_date(), date(1980, 1, 1));
    assert_eq!(cnp.sex(), Sex::Male);
    assert_eq!(cnp.county_code(), 22);
    assert_eq!(
        cnp.county_of_birth().county().map(County::name),
        Some("Iași")
    );
}

#[test]
fn published_examples_parse_with_their_documented_fields() {
    // From CNP libraries' documentation and tests (python-stdnum, Business::RO::CNP,
    // rocnp, cnp_romania_parser, trispectiv/CNP); each states the date or county below.
    let examples = [
        ("1630615123457", date(1963, 6, 15), Sex::Male, 12),
        ("1040229319996", date(1904, 2, 29), Sex::Male, 31),
        ("1740501415486", date(1974, 5, 1), Sex::Male, 41),
        ("1070504429315", date(1907, 5, 4), Sex::Male, 42),
        ("2700116065277", date(1970, 1, 16), Sex::Female, 6),
        ("4910527475018", date(1891, 5, 27), Sex::Female, 47),
        ("6201206018078", date(2020, 12, 6), Sex::Female, 1),
        ("5201206346491", date(2020, 12, 6), Sex::Male, 34),
        ("7041218318525", date(2004, 12, 18), Sex::Male, 31),
    ];
    for (text, born, sex, county) in examples {
        let cnp = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(cnp.birth_date(), born, "{text}");
        assert_eq!(cnp.sex(), sex, "{text}");
        assert_eq!(cnp.county_code(), county, "{text}");
        assert_eq!(cnp.as_str(), text);
    }
}

#[test]
fn published_invalid_examples_fail_the_rule_they_were_published_for() {
    let examples = [
        ("0800101221142", CnpError::Sex),
        ("1632215123457", CnpError::BirthDate),
        ("2701316065277", CnpError::BirthDate),
        ("2701135065277", CnpError::BirthDate),
        ("2701116555277", CnpError::County { code: 55 }),
        (
            "1630615123458",
            CnpError::CheckDigit {
                expected: 7,
                found: 8,
            },
        ),
        (
            "2701116065271",
            CnpError::CheckDigit {
                expected: 8,
                found: 1,
            },
        ),
    ];
    for (text, error) in examples {
        assert_eq!(parse(text), Err(error), "{text}");
    }
}

#[test]
fn check_digit_remainder_10_becomes_1() {
    // 1 8 0 0 1 0 1 2 2 0 0 2 times the key: 2+56+0+0+4+0+3+10+16+0+0+18 = 109,
    // and 109 mod 11 = 10, which the rule turns into 1.
    assert_eq!(check_digit(&[1, 8, 0, 0, 1, 0, 1, 2, 2, 0, 0, 2]), 1);
    assert!(parse("1800101220021").is_ok());
    assert_eq!(
        parse("1800101220020"),
        Err(CnpError::CheckDigit {
            expected: 1,
            found: 0
        })
    );
}

#[test]
fn accessors_slice_the_canonical_digits() {
    let cnp = parse("2700116065277").expect("valid");

    assert_eq!(cnp.as_str(), "2700116065277");
    assert_eq!(cnp.to_string(), "2700116065277");
    assert_eq!(cnp.last9(), "116065277");
    assert_eq!(cnp.county_code_str(), "06");
    assert_eq!(cnp.sex().as_letter(), 'F');
}

#[test]
fn debug_never_shows_the_digits() {
    let cnp = parse("1800101221144").expect("valid");

    let debug = format!("{cnp:?} {:?} {:#?}", Ok::<_, CnpError>(cnp), Some(cnp));

    assert!(!debug.chars().any(|c| c.is_ascii_digit()), "{debug}");
    assert!(debug.contains("Cnp(<redacted>)"));
}

#[test]
fn equal_cnps_are_equal_whatever_the_typing() {
    let plain = parse("1800101221144").expect("valid");
    let typed = parse(" 1 800101 22114 4 ").expect("valid");

    assert_eq!(plain, typed);
    assert!(parse("1800101220021").expect("valid") < plain);
}

#[test]
fn age_grows_on_the_birthday() {
    let cnp = parse("1800101221144").expect("valid"); // born 1980-01-01

    assert_eq!(cnp.age_on(date(1979, 12, 31)), 0);
    assert_eq!(cnp.age_on(date(1980, 1, 1)), 0);
    assert_eq!(cnp.age_on(date(1997, 12, 31)), 17);
    assert_eq!(cnp.age_on(date(1998, 1, 1)), 18);
}

#[test]
fn someone_born_on_29_february_gets_older_on_1_march_in_common_years() {
    let cnp = parse(&with_check("504022912345")).expect("valid"); // born 2004-02-29

    assert_eq!(cnp.age_on(date(2005, 2, 28)), 0);
    assert_eq!(cnp.age_on(date(2005, 3, 1)), 1);
    assert_eq!(cnp.age_on(date(2016, 2, 28)), 11);
    assert_eq!(cnp.age_on(date(2016, 2, 29)), 12);
    assert_eq!(cnp.age_on(date(2017, 2, 28)), 12);
    assert_eq!(cnp.age_on(date(2017, 3, 1)), 13);
}

#[test]
fn error_codes_are_unique_snake_case_and_displays_name_the_rule() {
    let errors = [
        CnpError::Empty,
        CnpError::InvalidCharacter {
            position: 3,
            found: 'x',
        },
        CnpError::Length { found: 12 },
        CnpError::Sex,
        CnpError::BirthDate,
        CnpError::BirthDateInFuture,
        CnpError::County { code: 48 },
        CnpError::Serial,
        CnpError::CheckDigit {
            expected: 4,
            found: 5,
        },
    ];
    let codes: std::collections::HashSet<_> = errors.iter().map(CnpError::code).collect();
    assert_eq!(codes.len(), errors.len());
    assert!(
        codes
            .iter()
            .all(|c| c.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
    );
    assert_eq!(
        errors[1].to_string(),
        "invalid character 'x' (U+0078) at position 3"
    );
    assert_eq!(errors[6].to_string(), "invalid county code 48");
    assert_eq!(
        errors[8].to_string(),
        "wrong check digit: expected 4, found 5"
    );
}

#[test]
fn sex_has_stable_names() {
    for sex in [Sex::Male, Sex::Female] {
        assert_eq!(sex.as_str().parse(), Ok(sex));
    }
    assert_eq!(Sex::Male.as_letter(), 'M');
    assert_eq!("Male".parse::<Sex>(), Err(UnknownSex));
}
