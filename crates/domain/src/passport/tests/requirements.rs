//! The one call per person: everything gathered for an adult and for a child abroad.

use crate::passport::{
    Bani, Document, HolderCategory, PassportType, Validity, documents, issuance, requirements,
};

use PassportType::Electronic;

#[test]
fn an_adult_in_romania_gets_the_adult_list_fee_and_ten_years() {
    let r = requirements(Electronic, 30, false);
    assert_eq!(r.category, HolderCategory::Adult);
    assert_eq!(r.fee, Bani::from_lei(258));
    assert_eq!(r.validity, Validity::Years(10));
    assert!(r.fingerprints);
    assert_eq!(r.issuance, issuance(Electronic));
    assert_eq!(r.documents, documents(HolderCategory::Adult, Electronic));
}

#[test]
fn a_child_of_ten_domiciled_abroad_pays_the_child_fee_and_brings_the_minor_abroad_list() {
    let r = requirements(Electronic, 10, true);
    assert_eq!(r.category, HolderCategory::DomicileAbroad);
    assert_eq!(r.fee, Bani::from_lei(234));
    assert_eq!(r.validity, Validity::Years(3));
    assert!(!r.fingerprints);
    assert!(r.documents.contains(&Document::MinorDomicileAbroadProof));
    assert!(
        r.documents
            .contains(&Document::MinorRomanianBirthCertificate)
    );
}
