//! The list of each case: adult, minor under 14, minor of 14–17, domicile abroad, minor
//! domiciled abroad, and a person's list as the list of their category.

use crate::passport::{Document, HolderCategory, PassportType, category, documents, documents_for};

use Document as D;
use PassportType::Electronic;

#[test]
fn an_adult_brings_the_identity_card_the_receipt_the_old_passport_and_comes_in_person() {
    assert_eq!(
        documents(HolderCategory::Adult, Electronic),
        [
            D::IdentityCard,
            D::FeeReceipt,
            D::PreviousPassport,
            D::ApplicantInPerson
        ]
    );
}

#[test]
fn a_minor_under_14_needs_the_birth_certificate_the_parents_ids_and_the_single_parent_documents() {
    let list = documents(HolderCategory::MinorUnder14, Electronic);
    assert_eq!(
        &list[..5],
        [
            D::MinorBirthCertificate,
            D::ParentsIdentityDocuments,
            D::FeeReceipt,
            D::MinorPreviousPassport,
            D::MinorPresent
        ]
    );
    for d in [
        D::OtherParentConsentOrPowerOfAttorney,
        D::SoleParentalAuthorityDecision,
        D::CourtDecisionReplacingConsent,
        D::OtherParentDeathCertificate,
    ] {
        assert!(list.contains(&d), "{d:?}");
    }
    assert!(!list.contains(&D::IdentityCard) && !list.contains(&D::MinorIdentityCard));
}

#[test]
fn a_minor_of_14_to_17_needs_an_own_card_and_the_parents_consent_or_a_marriage_certificate() {
    let list = documents(HolderCategory::Minor14To17, Electronic);
    for d in [
        D::MinorIdentityCard,
        D::ParentsConsentDeclarations,
        D::MinorMarriageCertificate,
        D::FeeReceipt,
        D::MinorPreviousPassport,
        D::MinorInPerson,
    ] {
        assert!(list.contains(&d), "{d:?}");
    }
    assert!(!list.contains(&D::MinorPresent) && !list.contains(&D::MinorBirthCertificate));
}

#[test]
fn domicile_abroad_needs_civil_status_certificates_and_a_year_of_residence_rights() {
    assert_eq!(
        documents(HolderCategory::DomicileAbroad, Electronic),
        [
            D::PreviousPassport,
            D::FeeReceipt,
            D::RomanianCivilStatusCertificates,
            D::ResidenceAbroadProof,
            D::ApplicantInPerson
        ]
    );
}

#[test]
fn a_minor_domiciled_abroad_proves_the_domicile_and_brings_no_romanian_identity_card() {
    for age in 0..18 {
        let list = documents_for(Electronic, age, true);
        assert!(list.contains(&D::MinorDomicileAbroadProof), "age {age}");
        assert!(
            list.contains(&D::MinorRomanianBirthCertificate),
            "age {age}"
        );
        assert!(!list.contains(&D::MinorIdentityCard) && !list.contains(&D::IdentityCard));
        assert!(!list.contains(&D::ResidenceAbroadProof), "age {age}");
        let consent = if age < 14 {
            D::ParentsIdentityDocuments
        } else {
            D::ParentsConsentDeclarations
        };
        assert!(list.contains(&consent), "age {age}");
    }
}

#[test]
fn outside_minors_abroad_a_persons_list_is_the_list_of_their_category() {
    for p in PassportType::ALL {
        for age in 0..=120 {
            assert_eq!(
                documents_for(p, age, false),
                documents(category(age, false), p)
            );
        }
        for age in 18..=120 {
            assert_eq!(
                documents_for(p, age, true),
                documents(HolderCategory::DomicileAbroad, p)
            );
        }
    }
}
