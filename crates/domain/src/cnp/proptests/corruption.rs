//! A single corrupted field is reported as that field.

use chrono::Days;
use proptest::prelude::*;
use proptest::sample::select;

use super::valid::{Generated, valid_cnp};
use crate::cnp::tests::with_check;
use crate::cnp::{Cnp, CnpError};

/// One field made wrong, the rest left valid (the check digit recomputed).
#[derive(Debug, Clone)]
enum Corruption {
    Sex(u8),
    Month13,
    Day32,
    February30,
    /// Needs a century that can hold a future date: the first digit becomes 5/6
    /// (same sex), the date a day in `1..=3000` days after `today`.
    Future(u64),
    County(u8),
    Serial,
    CheckDigit(u8),
}

fn corruption() -> impl Strategy<Value = Corruption> {
    prop_oneof![
        select(vec![0u8, 9]).prop_map(Corruption::Sex),
        Just(Corruption::Month13),
        Just(Corruption::Day32),
        Just(Corruption::February30),
        (1u64..=3000).prop_map(Corruption::Future),
        select(vec![0u8, 48, 49, 53, 55, 57]).prop_map(Corruption::County),
        Just(Corruption::Serial),
        (1u8..=9).prop_map(Corruption::CheckDigit),
    ]
}

/// Applies a corruption and says which error it must produce.
fn corrupt(valid: &Generated, corruption: &Corruption) -> (String, CnpError) {
    let mut first12: String = valid.text[..12].to_owned();
    let mut replace = |at: usize, with: &str| first12.replace_range(at..at + with.len(), with);
    let error = match corruption {
        Corruption::Sex(s) => {
            replace(0, &s.to_string());
            CnpError::Sex
        }
        Corruption::Month13 => {
            replace(3, "13");
            CnpError::BirthDate
        }
        Corruption::Day32 => {
            replace(5, "32");
            CnpError::BirthDate
        }
        Corruption::February30 => {
            replace(3, "0230");
            CnpError::BirthDate
        }
        Corruption::Future(days) => {
            let future = valid.today + Days::new(*days);
            let s = if valid.s % 2 == 1 { 5 } else { 6 };
            let yymmdd = future.format("%y%m%d").to_string();
            replace(0, &format!("{s}{yymmdd}"));
            CnpError::BirthDateInFuture
        }
        Corruption::County(code) => {
            replace(7, &format!("{code:02}"));
            CnpError::County { code: *code }
        }
        Corruption::Serial => {
            replace(9, "000");
            CnpError::Serial
        }
        Corruption::CheckDigit(shift) => {
            let expected = valid.text.as_bytes()[12] - b'0';
            let found = (expected + shift) % 10;
            return (
                format!("{first12}{found}"),
                CnpError::CheckDigit { expected, found },
            );
        }
    };
    (with_check(&first12), error)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_single_corrupted_field_is_reported_as_that_field(
        valid in valid_cnp(),
        corruption in corruption(),
    ) {
        let (text, expected) = corrupt(&valid, &corruption);
        prop_assert_eq!(Cnp::parse(&text, valid.today), Err(expected), "{}", text);
    }
}
