//! The stable names: error codes and messages, sex names.

use super::{CnpError, Sex, UnknownSex};

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
