//! The table's shape: 42 entries, unique codes and names, the expected orders, correct
//! diacritics.

use std::collections::HashSet;

use crate::county::{COUNTIES, County};

/// Romanian alphabetical order: each letter with a diacritic sorts right after its base
/// letter (a < ă < â, i < î, s < ș, t < ț).
fn romanian_sort_key(name: &str) -> Vec<u32> {
    name.chars()
        .flat_map(|c| {
            let (base, rank) = match c {
                'ă' | 'Ă' => ('a', 1),
                'â' | 'Â' => ('a', 2),
                'î' | 'Î' => ('i', 1),
                'ș' | 'Ș' => ('s', 1),
                'ț' | 'Ț' => ('t', 1),
                other => (other.to_ascii_lowercase(), 0),
            };
            [u32::from(base), rank]
        })
        .collect()
}

#[test]
fn there_are_41_counties_and_bucharest() {
    assert_eq!(COUNTIES.len(), 42);
    assert_eq!(COUNTIES.iter().filter(|c| c.is_bucharest()).count(), 1);
}

#[test]
fn county_codes_and_names_are_unique() {
    let codes: HashSet<_> = COUNTIES.iter().map(County::code).collect();
    let names: HashSet<_> = COUNTIES.iter().map(County::name).collect();
    assert_eq!(codes.len(), 42);
    assert_eq!(names.len(), 42);
}

#[test]
fn counties_are_in_romanian_alphabetical_order_of_name() {
    let keys: Vec<_> = COUNTIES
        .iter()
        .map(|c| romanian_sort_key(c.name()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn counties_follow_the_standard_code_list_order() {
    let standard = "AB AR AG BC BH BN BT BV BR B BZ CS CL CJ CT CV DB DJ GL GR GJ HR HD IL IS IF \
                    MM MH MS NT OT PH SM SJ SB SV TR TM TL VS VL VN";
    let codes: Vec<_> = COUNTIES.iter().map(County::code).collect();
    assert_eq!(codes, standard.split(' ').collect::<Vec<_>>());
}

#[test]
fn names_use_comma_below_diacritics_not_cedillas() {
    for county in &COUNTIES {
        assert!(
            !county.name().contains(['ş', 'ţ', 'Ş', 'Ţ']),
            "{}",
            county.name()
        );
    }
    assert_eq!(County::by_code("B").map(County::name), Some("București"));
    assert_eq!(
        County::by_code("BN").map(County::name),
        Some("Bistrița-Năsăud")
    );
    assert_eq!(County::by_code("CT").map(County::name), Some("Constanța"));
}
