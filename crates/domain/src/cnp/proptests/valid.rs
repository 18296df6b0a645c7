//! The generator of valid codes from their fields, and the property that each parses back
//! to those fields.

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;
use proptest::sample::select;

use crate::cnp::tests::{date, with_check};
use crate::cnp::{Cnp, Sex};

/// The county codes SPEC §5.1 accepts, typed independently of the implementation.
fn accepted_county_codes() -> Vec<u8> {
    let unknown = [50, 54, 56, 60, 64, 78, 84, 87, 88, 90, 98, 99];
    (0..=99)
        .filter(|jj| matches!(jj, 1..=47 | 51 | 52 | 70 | 80..=83) || unknown.contains(jj))
        .collect()
}

/// A valid CNP built from its fields, with the facts it must parse to.
#[derive(Debug, Clone)]
pub(super) struct Generated {
    pub(super) text: String,
    pub(super) today: NaiveDate,
    pub(super) born: NaiveDate,
    pub(super) s: u8,
    pub(super) jj: u8,
}

/// For foreign residents: of 19yy and 20yy, the latest real date not after `today`.
fn latest_real_not_after(yy: i32, month: u32, day: u32, today: NaiveDate) -> Option<NaiveDate> {
    [1900, 2000]
        .into_iter()
        .filter_map(|century| NaiveDate::from_ymd_opt(century + yy, month, day))
        .filter(|d| *d <= today)
        .max()
}

pub(super) fn valid_cnp() -> impl Strategy<Value = Generated> {
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
}
