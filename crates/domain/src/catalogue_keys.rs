//! Test helper: the shape of the catalogue keys domain values expose (`key()`).
//!
//! The words themselves live in the shell's catalogues (`crates/epasapoarte/locales`),
//! whose tests check that every key below resolves in Romanian and in English.

use std::collections::HashSet;

/// Panics unless every key is `<section>.<snake_case>` and no two values share a key.
pub(crate) fn assert_catalogue_keys(section: &str, keys: impl IntoIterator<Item = &'static str>) {
    let mut seen = HashSet::new();
    for key in keys {
        let name = key
            .strip_prefix(section)
            .and_then(|rest| rest.strip_prefix('.'))
            .unwrap_or_else(|| panic!("{key:?} is not in section {section:?}"));
        assert!(
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{key:?} is not snake_case"
        );
        assert!(seen.insert(key), "{key:?} is used twice");
    }
}

#[test]
fn the_checker_rejects_foreign_sections_odd_names_and_repeats() {
    for bad in [
        vec!["other.a"],
        vec!["section.Upper"],
        vec!["section."],
        vec!["section.a", "section.a"],
    ] {
        assert!(
            std::panic::catch_unwind(|| assert_catalogue_keys("section", bad.clone())).is_err(),
            "{bad:?}"
        );
    }
    assert_catalogue_keys("section", ["section.a_1", "section.b"]);
}
