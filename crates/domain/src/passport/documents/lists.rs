//! The per-case lists of the official texts (adult, minor under 14, 14–17, domicile
//! abroad, minor abroad) and the stand-in documents they share.

use super::Document;
use Document as D;

/// When only one parent (or someone else) applies for or consents to a minor's passport:
/// the documents that stand in for the missing parent. Shared by both minor lists.
pub(super) const SINGLE_PARENT: [Document; 4] = [
    D::SoleParentalAuthorityDecision,
    D::CourtDecisionReplacingConsent,
    D::OtherParentDeathCertificate,
    D::LegalRepresentativeAppointment,
];

/// Under 14 the parents apply, so a single applicant may also bring the other parent's
/// consent or a power of attorney, and an authorised person their power of attorney.
pub(super) const UNDER_14_STAND_INS: [Document; 2] = [
    D::OtherParentConsentOrPowerOfAttorney,
    D::AuthorisedPersonPowerOfAttorney,
];

pub(super) const ADULT: [Document; 4] = [
    D::IdentityCard,
    D::FeeReceipt,
    D::PreviousPassport,
    D::ApplicantInPerson,
];

pub(super) const UNDER_14: [Document; 5] = [
    D::MinorBirthCertificate,
    D::ParentsIdentityDocuments,
    D::FeeReceipt,
    D::MinorPreviousPassport,
    D::MinorPresent,
];

pub(super) const FROM_14: [Document; 6] = [
    D::MinorIdentityCard,
    D::ParentsConsentDeclarations,
    D::MinorMarriageCertificate,
    D::FeeReceipt,
    D::MinorPreviousPassport,
    D::MinorInPerson,
];

/// The MAI list for domicile abroad, plus presence in person: the official list omits it,
/// but the face image (and from 12 the fingerprints) are taken at the counter.
pub(super) const ABROAD: [Document; 5] = [
    D::PreviousPassport,
    D::FeeReceipt,
    D::RomanianCivilStatusCertificates,
    D::ResidenceAbroadProof,
    D::ApplicantInPerson,
];

/// The minor-abroad list of the MAI text; the parents' part follows by age group.
pub(super) const MINOR_ABROAD: [Document; 4] = [
    D::MinorPreviousPassport,
    D::FeeReceipt,
    D::MinorRomanianBirthCertificate,
    D::MinorDomicileAbroadProof,
];
