//! The CNP `JJ` codes of each county, against the published list.

use crate::county::{COUNTIES, County};

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
