//! Properties over any age, date and amount.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::*;

fn passport() -> impl Strategy<Value = PassportType> {
    prop::sample::select(PassportType::ALL.to_vec())
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..=2200, 1u32..=366).prop_map(|(y, ord)| {
        NaiveDate::from_yo_opt(y, ord)
            .or_else(|| NaiveDate::from_yo_opt(y, 365))
            .unwrap_or(NaiveDate::MIN)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn requirements_are_consistent_for_any_age(p in passport(), age in any::<u32>(), abroad: bool) {
        let r = requirements(p, age, abroad);
        prop_assert_eq!(r.fee, fee(p, age));
        prop_assert!([Bani::from_lei(234), Bani::from_lei(258), Bani::from_lei(96)].contains(&r.fee));
        prop_assert_eq!(r.category == HolderCategory::DomicileAbroad, abroad);
        prop_assert_eq!(r.fingerprints, p == PassportType::Electronic && age >= 12);
        prop_assert!(r.documents.contains(&Document::FeeReceipt));
        prop_assert_eq!(r.documents.contains(&Document::UrgencyProof), p == PassportType::Temporary);
        prop_assert_eq!(r.validity.months() == 12, p == PassportType::Temporary);
    }

    #[test]
    fn fee_and_validity_never_decrease_with_age(p in passport(), a in any::<u32>(), b in any::<u32>()) {
        let (young, old) = (a.min(b), a.max(b));
        prop_assert!(fee(p, young) <= fee(p, old));
        prop_assert!(validity(p, young).months() <= validity(p, old).months());
        prop_assert!(!fingerprints_taken(p, young) || fingerprints_taken(p, old));
    }

    #[test]
    fn expiry_is_the_same_day_months_later_or_the_last_day_of_that_month(
        issued in any_date(),
        v in prop_oneof![(1u8..=10).prop_map(Validity::Years), (1u8..=24).prop_map(Validity::Months)],
    ) {
        let expires = v.expires_on(issued);
        let months = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
        prop_assert_eq!(months(expires) - months(issued), v.months() as i32);
        if expires.day() != issued.day() {
            prop_assert!(expires.day() < issued.day());
            prop_assert!(expires.succ_opt().is_none_or(|next| next.month() != expires.month()));
        }
    }

    #[test]
    fn amounts_round_trip_through_the_typed_form(v in any::<u32>()) {
        let b = Bani(v);
        let typed = format!("{},{:02}", b.lei(), b.bani());
        prop_assert_eq!(typed.parse::<Bani>(), Ok(b));
        prop_assert_eq!(b.lei() * 100 + b.bani(), v);
    }

    #[test]
    fn parsing_any_text_never_panics(s in "\\PC{0,12}") {
        let _ = s.parse::<Bani>();
        let _ = s.parse::<PassportType>();
        let _ = s.parse::<HolderCategory>();
    }
}
