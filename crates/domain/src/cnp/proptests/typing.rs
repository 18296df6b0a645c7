//! However the digits are typed (spaces, hyphens, surrounding whitespace), the value is
//! the same.

use proptest::prelude::*;
use proptest::sample::select;

use super::valid::valid_cnp;
use crate::cnp::Cnp;

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
