//! The documents lists: ids, keys and composition per category and passport.

use std::collections::HashSet;

use super::*;
use crate::catalogue_keys::assert_catalogue_keys;

use Document as D;
use PassportType::{Electronic, Temporary};

/// Fails to compile when a variant is added without updating `ALL` (the match is
/// exhaustive), and checks `ALL` lists every variant once, in declaration order.
fn position(d: Document) -> usize {
    match d {
        D::IdentityCard => 0,
        D::FeeReceipt => 1,
        D::PreviousPassport => 2,
        D::ApplicantInPerson => 3,
        D::MinorBirthCertificate => 4,
        D::ParentsIdentityDocuments => 5,
        D::MinorPreviousPassport => 6,
        D::MinorPresent => 7,
        D::MinorPresentOrPhotos => 8,
        D::OtherParentConsentOrPowerOfAttorney => 9,
        D::AuthorisedPersonPowerOfAttorney => 10,
        D::SoleParentalAuthorityDecision => 11,
        D::CourtDecisionReplacingConsent => 12,
        D::OtherParentDeathCertificate => 13,
        D::LegalRepresentativeAppointment => 14,
        D::MinorIdentityCard => 15,
        D::ParentsConsentDeclarations => 16,
        D::MinorMarriageCertificate => 17,
        D::MinorInPerson => 18,
        D::RomanianCivilStatusCertificates => 19,
        D::ResidenceAbroadProof => 20,
        D::MinorRomanianBirthCertificate => 21,
        D::MinorDomicileAbroadProof => 22,
        D::UrgencyProof => 23,
    }
}

/// Every list the functions can produce: the wizard's and each person's.
fn all_lists() -> Vec<Vec<Document>> {
    let mut lists = Vec::new();
    for p in PassportType::ALL {
        for c in HolderCategory::ALL {
            lists.push(documents(c, p));
        }
        for age in 0..=120 {
            for abroad in [false, true] {
                lists.push(documents_for(p, age, abroad));
            }
        }
    }
    lists
}

#[test]
fn all_lists_every_document_once_in_declaration_order() {
    for (i, d) in Document::ALL.iter().enumerate() {
        assert_eq!(position(*d), i, "{d:?}");
    }
}

#[test]
fn ids_are_unique_snake_case_and_keys_are_their_catalogue_names() {
    let ids: HashSet<_> = Document::ALL.iter().map(|d| d.as_str()).collect();
    assert_eq!(ids.len(), Document::ALL.len());
    for k in ids {
        assert!(
            !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{k}"
        );
        assert!(
            !k.starts_with('_') && !k.ends_with('_') && !k.contains("__"),
            "{k}"
        );
    }
    assert_catalogue_keys("document", Document::ALL.map(Document::key));
    for d in Document::ALL {
        assert_eq!(d.key().strip_prefix("document."), Some(d.as_str()));
    }
}

#[test]
fn every_document_appears_in_some_list() {
    let used: HashSet<_> = all_lists().into_iter().flatten().collect();
    for d in Document::ALL {
        assert!(used.contains(&d), "{d:?} is never asked for");
    }
}

#[test]
fn no_list_asks_for_the_same_document_twice() {
    for list in all_lists() {
        let unique: HashSet<_> = list.iter().collect();
        assert_eq!(unique.len(), list.len(), "{list:?}");
    }
}

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

#[test]
fn a_temporary_passport_adds_proof_of_urgency_to_the_electronic_list() {
    for c in HolderCategory::ALL {
        let mut expected = documents(c, Electronic);
        for d in &mut expected {
            if *d == D::MinorPresent {
                *d = D::MinorPresentOrPhotos;
            }
        }
        expected.push(D::UrgencyProof);
        assert_eq!(documents(c, Temporary), expected, "{c:?}");
    }
}

#[test]
fn only_temporary_lists_ask_for_proof_of_urgency_or_allow_photographs() {
    for p in PassportType::ALL {
        for age in 0..=120 {
            for abroad in [false, true] {
                let list = documents_for(p, age, abroad);
                let temporary = p == Temporary;
                assert_eq!(list.contains(&D::UrgencyProof), temporary);
                assert!(!list.contains(&D::MinorPresentOrPhotos) || temporary);
                assert!(!list.contains(&D::MinorPresent) || !temporary);
            }
        }
    }
}
