//! Codes published by others, valid and invalid, and the check digit worked by hand.

use super::{CnpError, County, Sex, check_digit, date, parse};

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
