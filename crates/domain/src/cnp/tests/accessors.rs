//! What a parsed code gives back: its digits, a masked `Debug`, equality and age.

use super::{CnpError, date, parse, with_check};

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
