//! The first digit (sex and century), the serial, and the order the rules are checked in.

use super::{CnpError, Sex, cnp, date, parse};
use crate::cnp::Cnp;

#[test]
fn first_digit_0_or_9_is_rejected() {
    assert_eq!(parse(&cnp(0, "800101", 22, "114")), Err(CnpError::Sex));
    assert_eq!(parse(&cnp(9, "800101", 22, "114")), Err(CnpError::Sex));
}

#[test]
fn first_digit_gives_century_and_sex() {
    let cases = [
        (1, 1980, Sex::Male),
        (2, 1980, Sex::Female),
        (3, 1880, Sex::Male),
        (4, 1880, Sex::Female),
        (5, 2080, Sex::Male),
        (6, 2080, Sex::Female),
    ];
    let after_2080 = date(2090, 1, 1);
    for (s, year, sex) in cases {
        let parsed = Cnp::parse(&cnp(s, "800101", 22, "114"), after_2080).expect("valid");
        assert_eq!(parsed.birth_date(), date(year, 1, 1), "S={s}");
        assert_eq!(parsed.sex(), sex, "S={s}");
    }
}

#[test]
fn serial_000_is_rejected_and_001_to_999_accepted() {
    assert_eq!(parse(&cnp(1, "800101", 22, "000")), Err(CnpError::Serial));
    assert!(parse(&cnp(1, "800101", 22, "001")).is_ok());
    assert!(parse(&cnp(1, "800101", 22, "999")).is_ok());
}

#[test]
fn the_earliest_broken_rule_is_reported() {
    // Every text below also has a wrong check digit (…0 where …4 belongs, or none fits).
    assert_eq!(parse("9801301000000"), Err(CnpError::Sex));
    assert_eq!(parse("1801301000000"), Err(CnpError::BirthDate));
    assert_eq!(parse("5991231000000"), Err(CnpError::BirthDateInFuture));
    assert_eq!(parse("1800101000000"), Err(CnpError::County { code: 0 }));
    assert_eq!(parse("1800101220000"), Err(CnpError::Serial));
}
