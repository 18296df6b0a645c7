//! Property tests of the CNP: every generated valid code parses to its fields, however it
//! is typed; a single corrupted field is reported as that field; no input panics.

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;
use proptest::sample::select;

use super::tests::{date, with_check};
use super::*;

/// The county codes SPEC §5.1 accepts, typed independently of the implementation.
fn accepted_county_codes() -> Vec<u8> {
    let unknown = [50, 54, 56, 60, 64, 78, 84, 87, 88, 90, 98, 99];
    (0..=99)
        .filter(|jj| matches!(jj, 1..=47 | 51 | 52 | 70 | 80..=83) || unknown.contains(jj))
        .collect()
}

/// A valid CNP built from its fields, with the facts it must parse to.
#[derive(Debug, Clone)]
struct Generated {
    text: String,
    today: NaiveDate,
    born: NaiveDate,
    s: u8,
    jj: u8,
}

/// For foreign residents: of 19yy and 20yy, the latest real date not after `today`.
fn latest_real_not_after(yy: i32, month: u32, day: u32, today: NaiveDate) -> Option<NaiveDate> {
    [1900, 2000]
        .into_iter()
        .filter_map(|century| NaiveDate::from_ymd_opt(century + yy, month, day))
        .filter(|d| *d <= today)
        .max()
}

fn valid_cnp() -> impl Strategy<Value = Generated> {
    let fields = (
        1u8..=8,
        any::<u32>(),
        select(accepted_county_codes()),
        1u16..=999,
        0u64..=33_000,
    );
    fields.prop_map(|(s, pick, jj, nnn, today_offset)| {
        // `today` between 2000 and about 2090, so every first digit has room.
        let today = date(2000, 1, 1) + Days::new(today_offset);
        let (first, last) = match s {
            1 | 2 => (date(1900, 1, 1), date(1999, 12, 31)),
            3 | 4 => (date(1800, 1, 1), date(1899, 12, 31)),
            5 | 6 => (date(2000, 1, 1), today),
            _ => (date(1900, 1, 1), today),
        };
        let span = u64::try_from((last - first).num_days()).unwrap_or(0) + 1;
        let picked = first + Days::new(u64::from(pick) % span);
        let yy = picked.year() % 100;
        let (month, day) = (picked.month(), picked.day());
        let born = if s >= 7 {
            latest_real_not_after(yy, month, day, today).unwrap_or(picked)
        } else {
            picked
        };
        let text = with_check(&format!("{s}{yy:02}{month:02}{day:02}{jj:02}{nnn:03}"));
        Generated {
            text,
            today,
            born,
            s,
            jj,
        }
    })
}

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

/// Text typed around and between the digits that the input policy must ignore.
fn typed(text: &str, separators: &[&str], lead: &str, trail: &str) -> String {
    let mut out = String::from(lead);
    for (digit, separator) in text.chars().zip(separators) {
        out.push_str(separator);
        out.push(digit);
    }
    out.push_str(separators.last().copied().unwrap_or_default());
    out.push_str(trail);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn generated_valid_cnps_parse_and_round_trip_their_fields(valid in valid_cnp()) {
        let cnp = Cnp::parse(&valid.text, valid.today).map_err(|e| e.to_string());
        prop_assert!(cnp.is_ok(), "{}: {:?}", valid.text, cnp);
        let cnp = cnp.unwrap_or_else(|_| unreachable!());
        prop_assert_eq!(cnp.as_str(), valid.text.as_str());
        prop_assert_eq!(cnp.to_string(), valid.text.clone());
        prop_assert_eq!(cnp.birth_date(), valid.born);
        prop_assert_eq!(cnp.sex(), if valid.s % 2 == 1 { Sex::Male } else { Sex::Female });
        prop_assert_eq!(cnp.county_code(), valid.jj);
        prop_assert_eq!(cnp.county_code_str(), &valid.text[7..9]);
        prop_assert_eq!(cnp.last9(), &valid.text[4..]);
    }

    #[test]
    fn a_single_corrupted_field_is_reported_as_that_field(
        valid in valid_cnp(),
        corruption in corruption(),
    ) {
        let (text, expected) = corrupt(&valid, &corruption);
        prop_assert_eq!(Cnp::parse(&text, valid.today), Err(expected), "{}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn spaces_hyphens_and_surrounding_whitespace_do_not_change_the_value(
        valid in valid_cnp(),
        separators in proptest::collection::vec(select(vec!["", "", " ", "-", "  ", " - "]), 14),
        lead in select(vec!["", " ", "\t", "\n", " \t "]),
        trail in select(vec!["", " ", "\n", "\r\n", "\t"]),
    ) {
        let text = typed(&valid.text, &separators, lead, trail);
        let cnp = Cnp::parse(&text, valid.today).map(|c| c.to_string());
        prop_assert_eq!(cnp, Ok(valid.text.clone()), "{:?}", text);
    }
}

proptest! {
    // Cheap (microseconds each) and the widest net for panics: many cases.
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn short_arbitrary_text_never_panics(text in any::<String>()) {
        if let Ok(cnp) = Cnp::parse(&text, date(2025, 6, 15)) {
            prop_assert!(cnp.as_str().len() == 13);
            prop_assert!(cnp.as_str().bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn near_miss_text_never_panics_and_valid_results_are_consistent(
        text in "[0-9 \\-\t\u{a0}\u{2013}\u{ff11}\u{0661}aO]{0,20}",
        today_offset in 0u64..=150_000,
    ) {
        let today = date(1800, 1, 1) + Days::new(today_offset);
        if let Ok(cnp) = Cnp::parse(&text, today) {
            prop_assert!(cnp.birth_date() <= today);
            prop_assert_eq!(Cnp::parse(cnp.as_str(), today), Ok(cnp));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn megabyte_inputs_never_panic(unit in "\\PC{1,8}|[0-9 -]{1,8}") {
        let big = unit.repeat((1 << 20) / unit.len() + 1);
        let result = Cnp::parse(&big, date(2025, 6, 15));
        prop_assert!(result.is_err());
    }
}
