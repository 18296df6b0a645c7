//! Finding a county by its code, and how it displays.

use crate::county::County;

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
