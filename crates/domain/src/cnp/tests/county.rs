//! The county digits: which codes are accepted and where each says the code was assigned.

use super::{CnpError, County, CountyOfBirth, cnp, parse};

/// The county codes SPEC §5.1 accepts, typed independently of the implementation.
fn accepted_county(jj: u8) -> bool {
    matches!(jj, 1..=47 | 51 | 52 | 70 | 80..=83)
        || [50, 54, 56, 60, 64, 78, 84, 87, 88, 90, 98, 99].contains(&jj)
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
