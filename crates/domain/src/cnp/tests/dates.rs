//! The birth date: real dates only, not after today, and the century of foreign residents.

use super::{CnpError, cnp, date, parse, today};
use crate::cnp::Cnp;

#[test]
fn february_29_is_real_only_in_leap_years() {
    assert!(parse(&cnp(1, "040229", 31, "999")).is_ok()); // 1904
    assert!(parse(&cnp(5, "000229", 12, "001")).is_ok()); // 2000: divisible by 400
    assert_eq!(
        parse(&cnp(1, "000229", 12, "001")),
        Err(CnpError::BirthDate)
    ); // 1900
    assert_eq!(
        parse(&cnp(3, "000229", 12, "001")),
        Err(CnpError::BirthDate)
    ); // 1800
    assert_eq!(
        parse(&cnp(5, "230229", 12, "001")),
        Err(CnpError::BirthDate)
    ); // 2023
}

#[test]
fn impossible_dates_are_rejected() {
    for yymmdd in ["800230", "800431", "801301", "800001", "800100", "800132"] {
        let result = parse(&cnp(1, yymmdd, 12, "001"));
        assert_eq!(result, Err(CnpError::BirthDate), "{yymmdd}");
    }
}

#[test]
fn a_birth_date_after_today_is_rejected_and_today_itself_is_accepted() {
    assert_eq!(
        parse(&cnp(5, "250616", 12, "001")),
        Err(CnpError::BirthDateInFuture)
    );
    assert!(parse(&cnp(6, "250615", 12, "001")).is_ok());
}

#[test]
fn foreign_residents_get_the_latest_century_not_in_the_future() {
    let born = |s, yymmdd| parse(&cnp(s, yymmdd, 40, "123")).map(|c| c.birth_date());

    assert_eq!(born(7, "250615"), Ok(date(2025, 6, 15)));
    assert_eq!(born(8, "250616"), Ok(date(1925, 6, 16)));
    assert_eq!(born(7, "990101"), Ok(date(1999, 1, 1)));
    assert_eq!(born(8, "000101"), Ok(date(2000, 1, 1)));
}

#[test]
fn foreign_residents_29_february_picks_the_century_where_it_is_real() {
    let born = |yymmdd, today| Cnp::parse(&cnp(8, yymmdd, 40, "123"), today);

    // 2000 is leap and 1900 is not: 29.02.00 can only be 2000.
    assert_eq!(
        born("000229", today()).map(|c| c.birth_date()),
        Ok(date(2000, 2, 29))
    );
    assert_eq!(
        born("000229", date(2000, 2, 28)),
        Err(CnpError::BirthDateInFuture)
    );
    // Neither 1901 nor 2001 is leap.
    assert_eq!(born("010229", today()), Err(CnpError::BirthDate));
}

#[test]
fn foreign_residents_born_after_today_in_both_centuries_are_rejected() {
    let result = Cnp::parse(&cnp(7, "500101", 40, "123"), date(1949, 12, 31));

    assert_eq!(result, Err(CnpError::BirthDateInFuture));
}
