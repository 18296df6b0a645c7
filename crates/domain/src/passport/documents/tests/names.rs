//! Each document once in `ALL`, with a unique snake_case id and its catalogue key.

use std::collections::HashSet;

use crate::catalogue_keys::assert_catalogue_keys;
use crate::passport::Document;

use Document as D;

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
