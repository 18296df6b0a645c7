//! Which list a person falls under, and the categories' names.

use crate::catalogue_keys::assert_catalogue_keys;
use crate::passport::{HolderCategory, category};

#[test]
fn categories_step_at_14_and_18_and_domicile_abroad_wins_at_any_age() {
    assert_eq!(category(0, false), HolderCategory::MinorUnder14);
    assert_eq!(category(13, false), HolderCategory::MinorUnder14);
    assert_eq!(category(14, false), HolderCategory::Minor14To17);
    assert_eq!(category(17, false), HolderCategory::Minor14To17);
    assert_eq!(category(18, false), HolderCategory::Adult);
    assert_eq!(category(u32::MAX, false), HolderCategory::Adult);
    for age in [0, 13, 14, 17, 18, 120] {
        assert_eq!(
            category(age, true),
            HolderCategory::DomicileAbroad,
            "age {age}"
        );
    }
}

#[test]
fn holder_categories_round_trip_and_have_catalogue_keys() {
    let names: Vec<_> = HolderCategory::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        names,
        ["adult", "minor_under_14", "minor_14_17", "domicile_abroad"]
    );
    for c in HolderCategory::ALL {
        assert_eq!(c.as_str().parse::<HolderCategory>(), Ok(c));
    }
    assert_catalogue_keys(
        "holder_category",
        HolderCategory::ALL.map(HolderCategory::key),
    );
    assert!("child".parse::<HolderCategory>().is_err());
}
