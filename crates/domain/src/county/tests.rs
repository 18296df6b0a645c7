//! Tests of the county table against the published CNP county list.

use std::collections::HashSet;

use super::*;

/// The CNP county list as published (e.g. by the population-records offices and the press),
/// typed independently of the table under test.
const PUBLISHED_CNP_CODES: [(u8, &str); 48] = [
    (1, "AB"),
    (2, "AR"),
    (3, "AG"),
    (4, "BC"),
    (5, "BH"),
    (6, "BN"),
    (7, "BT"),
    (8, "BV"),
    (9, "BR"),
    (10, "BZ"),
    (11, "CS"),
    (12, "CJ"),
    (13, "CT"),
    (14, "CV"),
    (15, "DB"),
    (16, "DJ"),
    (17, "GL"),
    (18, "GJ"),
    (19, "HR"),
    (20, "HD"),
    (21, "IL"),
    (22, "IS"),
    (23, "IF"),
    (24, "MM"),
    (25, "MH"),
    (26, "MS"),
    (27, "NT"),
    (28, "OT"),
    (29, "PH"),
    (30, "SM"),
    (31, "SJ"),
    (32, "SB"),
    (33, "SV"),
    (34, "TR"),
    (35, "TM"),
    (36, "TL"),
    (37, "VS"),
    (38, "VL"),
    (39, "VN"),
    (40, "B"),
    (41, "B"),
    (42, "B"),
    (43, "B"),
    (44, "B"),
    (45, "B"),
    (46, "B"),
    (51, "CL"),
    (52, "GR"),
];

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
fn every_published_cnp_county_code_maps_to_exactly_one_county() {
    for (jj, code) in PUBLISHED_CNP_CODES {
        let owners: Vec<_> = COUNTIES
            .iter()
            .filter(|c| c.cnp_codes().contains(&jj))
            .collect();
        assert_eq!(owners.len(), 1, "JJ {jj:02}");
        assert_eq!(owners[0].code(), code, "JJ {jj:02}");
    }
}

#[test]
fn former_sector_7_belongs_to_bucharest() {
    assert_eq!(County::by_cnp_code(47).map(County::code), Some("B"));
}

#[test]
fn cnp_codes_outside_the_published_list_name_no_county() {
    for jj in [0, 48, 49, 50, 53, 70, 80, 83, 99] {
        assert_eq!(County::by_cnp_code(jj), None, "JJ {jj:02}");
    }
}

#[test]
fn every_county_has_a_cnp_code() {
    assert!(COUNTIES.iter().all(|c| !c.cnp_codes().is_empty()));
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

#[test]
fn by_code_ignores_ascii_case_and_rejects_unknown_codes() {
    assert_eq!(County::by_code("cj").map(County::name), Some("Cluj"));
    assert_eq!(County::by_code("Is").map(County::name), Some("Iași"));
    assert_eq!(County::by_code("XX"), None);
    assert_eq!(County::by_code(""), None);
    assert_eq!(County::by_code("ABC"), None);
}

#[test]
fn county_displays_as_its_name() {
    assert_eq!(
        County::by_code("VL").map(ToString::to_string).as_deref(),
        Some("Vâlcea")
    );
}
