//! The digit rules: sex digit, dates and centuries, county codes, serial, and their order.

use super::{CnpError, County, CountyOfBirth, Sex, date, parse, today, with_check};
use crate::cnp::Cnp;

/// Builds a CNP with a correct check digit from its fields.
fn cnp(s: u8, yymmdd: &str, jj: u8, nnn: &str) -> String {
    with_check(&format!("{s}{yymmdd}{jj:02}{nnn}"))
}

/// The county codes SPEC §5.1 accepts, typed independently of the implementation.
fn accepted_county(jj: u8) -> bool {
    matches!(jj, 1..=47 | 51 | 52 | 70 | 80..=83)
        || [50, 54, 56, 60, 64, 78, 84, 87, 88, 90, 98, 99].contains(&jj)
}

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
fn every_county_code_from_00_to_99_is_accepted_exactly_when_spec_lists_it() {
    for jj in 0..=99 {
        let result = parse(&cnp(1, "800101", jj, "114"));
        if accepted_county(jj) {
            assert!(result.is_ok(), "JJ {jj:02}: {result:?}");
        } else {
            assert_eq!(result, Err(CnpError::County { code: jj }), "JJ {jj:02}");
        }
    }
}

#[test]
fn county_boundaries_are_where_spec_puts_them() {
    for jj in [1, 40, 41, 46, 47, 50, 51, 52, 70, 80, 83, 84] {
        assert!(parse(&cnp(2, "800101", jj, "001")).is_ok(), "JJ {jj:02}");
    }
    for jj in [0, 48, 49, 53, 55, 57, 69, 71, 79, 85] {
        let result = parse(&cnp(2, "800101", jj, "001"));
        assert_eq!(result, Err(CnpError::County { code: jj }), "JJ {jj:02}");
    }
}

#[test]
fn county_codes_say_where_the_cnp_was_assigned() {
    let of = |jj| parse(&cnp(1, "800101", jj, "114")).map(|c| c.county_of_birth());
    let county = |code| CountyOfBirth::County(County::by_code(code).expect("known"));

    assert_eq!(of(12), Ok(county("CJ")));
    assert_eq!(of(40), Ok(county("B")));
    assert_eq!(of(41), Ok(CountyOfBirth::BucharestSector(1)));
    assert_eq!(of(47), Ok(CountyOfBirth::BucharestSector(7)));
    assert_eq!(of(51), Ok(county("CL")));
    assert_eq!(of(52), Ok(county("GR")));
    assert_eq!(of(70), Ok(CountyOfBirth::AnyCounty));
    assert_eq!(of(82), Ok(CountyOfBirth::DiplomaticMission));
    assert_eq!(of(99), Ok(CountyOfBirth::Unknown));
    assert_eq!(
        CountyOfBirth::BucharestSector(3).county().map(County::code),
        Some("B")
    );
}

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
