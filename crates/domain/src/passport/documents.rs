//! What to bring to the counter, per category and passport type (SPEC §5.4).
//!
//! Each [`Document`] is one bullet of the official lists, worded as in the official
//! texts (MAI press release 13/2021, the 2024 guide, the county pages), adapted only so
//! that each bullet stands alone — conditional ones say their condition first.
//! The texts live in the shell's catalogues, under [`Document::key`].

#[cfg(test)]
mod tests;

use super::{HolderCategory, PassportType, category};

/// One document or requirement of a documents list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Document {
    /// The holder's valid identity card (a provisional one with the birth certificate).
    IdentityCard,
    /// The receipt for the fee, on the holder's name and CNP.
    FeeReceipt,
    /// The holder's previous passport, if any.
    PreviousPassport,
    /// The applicant submits the documents in person.
    ApplicantInPerson,
    /// The minor's birth certificate.
    MinorBirthCertificate,
    /// The identity documents of the parents or legal representative who apply.
    ParentsIdentityDocuments,
    /// The minor's previous passport, if any.
    MinorPreviousPassport,
    /// The minor under 14 is present; the parents submit.
    MinorPresent,
    /// Temporary passport under 14: the minor is present, or two photographs are attached.
    MinorPresentOrPhotos,
    /// One parent applies: the other parent's consent or special power of attorney.
    OtherParentConsentOrPowerOfAttorney,
    /// An authorised person applies: their special power of attorney.
    AuthorisedPersonPowerOfAttorney,
    /// One parent alone holds parental authority: the court decision.
    SoleParentalAuthorityDecision,
    /// The court replaced the other parent's consent: the decision.
    CourtDecisionReplacingConsent,
    /// The other parent has died: the death certificate.
    OtherParentDeathCertificate,
    /// A legal representative applies or consents: the act appointing them.
    LegalRepresentativeAppointment,
    /// The minor's own identity card (with the birth certificate where needed).
    MinorIdentityCard,
    /// Both parents' declarations of consent (not for a married minor).
    ParentsConsentDeclarations,
    /// A married minor: the marriage certificate instead of the consents.
    MinorMarriageCertificate,
    /// The minor aged 14–17 submits in person.
    MinorInPerson,
    /// Domicile abroad: Romanian civil-status certificates with a CNP.
    RomanianCivilStatusCertificates,
    /// Domicile abroad: proof of at least one year's right of residence or equivalent.
    ResidenceAbroadProof,
    /// Minor domiciled abroad: the Romanian birth certificate with a CNP.
    MinorRomanianBirthCertificate,
    /// Minor domiciled abroad: proof of the minor's domicile (own or parents' passports).
    MinorDomicileAbroadProof,
    /// Temporary passport: proof of the urgency, for issuance within 3 working days.
    UrgencyProof,
}

impl Document {
    /// Every document, in declaration order.
    pub const ALL: [Self; 24] = [
        Self::IdentityCard,
        Self::FeeReceipt,
        Self::PreviousPassport,
        Self::ApplicantInPerson,
        Self::MinorBirthCertificate,
        Self::ParentsIdentityDocuments,
        Self::MinorPreviousPassport,
        Self::MinorPresent,
        Self::MinorPresentOrPhotos,
        Self::OtherParentConsentOrPowerOfAttorney,
        Self::AuthorisedPersonPowerOfAttorney,
        Self::SoleParentalAuthorityDecision,
        Self::CourtDecisionReplacingConsent,
        Self::OtherParentDeathCertificate,
        Self::LegalRepresentativeAppointment,
        Self::MinorIdentityCard,
        Self::ParentsConsentDeclarations,
        Self::MinorMarriageCertificate,
        Self::MinorInPerson,
        Self::RomanianCivilStatusCertificates,
        Self::ResidenceAbroadProof,
        Self::MinorRomanianBirthCertificate,
        Self::MinorDomicileAbroadProof,
        Self::UrgencyProof,
    ];

    /// The stable id: stored with a booking's e-mail, so a notice lists the documents
    /// decided when the booking was made.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::IdentityCard => "identity_card",
            Self::FeeReceipt => "fee_receipt",
            Self::PreviousPassport => "previous_passport",
            Self::ApplicantInPerson => "applicant_in_person",
            Self::MinorBirthCertificate => "minor_birth_certificate",
            Self::ParentsIdentityDocuments => "parents_identity_documents",
            Self::MinorPreviousPassport => "minor_previous_passport",
            Self::MinorPresent => "minor_present",
            Self::MinorPresentOrPhotos => "minor_present_or_photos",
            Self::OtherParentConsentOrPowerOfAttorney => {
                "other_parent_consent_or_power_of_attorney"
            }
            Self::AuthorisedPersonPowerOfAttorney => "authorised_person_power_of_attorney",
            Self::SoleParentalAuthorityDecision => "sole_parental_authority_decision",
            Self::CourtDecisionReplacingConsent => "court_decision_replacing_consent",
            Self::OtherParentDeathCertificate => "other_parent_death_certificate",
            Self::LegalRepresentativeAppointment => "legal_representative_appointment",
            Self::MinorIdentityCard => "minor_identity_card",
            Self::ParentsConsentDeclarations => "parents_consent_declarations",
            Self::MinorMarriageCertificate => "minor_marriage_certificate",
            Self::MinorInPerson => "minor_in_person",
            Self::RomanianCivilStatusCertificates => "romanian_civil_status_certificates",
            Self::ResidenceAbroadProof => "residence_abroad_proof",
            Self::MinorRomanianBirthCertificate => "minor_romanian_birth_certificate",
            Self::MinorDomicileAbroadProof => "minor_domicile_abroad_proof",
            Self::UrgencyProof => "urgency_proof",
        }
    }

    /// The catalogue key of its text ("document.<id>"), worded as in the official texts.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::IdentityCard => "document.identity_card",
            Self::FeeReceipt => "document.fee_receipt",
            Self::PreviousPassport => "document.previous_passport",
            Self::ApplicantInPerson => "document.applicant_in_person",
            Self::MinorBirthCertificate => "document.minor_birth_certificate",
            Self::ParentsIdentityDocuments => "document.parents_identity_documents",
            Self::MinorPreviousPassport => "document.minor_previous_passport",
            Self::MinorPresent => "document.minor_present",
            Self::MinorPresentOrPhotos => "document.minor_present_or_photos",
            Self::OtherParentConsentOrPowerOfAttorney => {
                "document.other_parent_consent_or_power_of_attorney"
            }
            Self::AuthorisedPersonPowerOfAttorney => "document.authorised_person_power_of_attorney",
            Self::SoleParentalAuthorityDecision => "document.sole_parental_authority_decision",
            Self::CourtDecisionReplacingConsent => "document.court_decision_replacing_consent",
            Self::OtherParentDeathCertificate => "document.other_parent_death_certificate",
            Self::LegalRepresentativeAppointment => "document.legal_representative_appointment",
            Self::MinorIdentityCard => "document.minor_identity_card",
            Self::ParentsConsentDeclarations => "document.parents_consent_declarations",
            Self::MinorMarriageCertificate => "document.minor_marriage_certificate",
            Self::MinorInPerson => "document.minor_in_person",
            Self::RomanianCivilStatusCertificates => "document.romanian_civil_status_certificates",
            Self::ResidenceAbroadProof => "document.residence_abroad_proof",
            Self::MinorRomanianBirthCertificate => "document.minor_romanian_birth_certificate",
            Self::MinorDomicileAbroadProof => "document.minor_domicile_abroad_proof",
            Self::UrgencyProof => "document.urgency_proof",
        }
    }
}

use Document as D;

/// When only one parent (or someone else) applies for or consents to a minor's passport:
/// the documents that stand in for the missing parent. Shared by both minor lists.
const SINGLE_PARENT: [Document; 4] = [
    D::SoleParentalAuthorityDecision,
    D::CourtDecisionReplacingConsent,
    D::OtherParentDeathCertificate,
    D::LegalRepresentativeAppointment,
];

/// Under 14 the parents apply, so a single applicant may also bring the other parent's
/// consent or a power of attorney, and an authorised person their power of attorney.
const UNDER_14_STAND_INS: [Document; 2] = [
    D::OtherParentConsentOrPowerOfAttorney,
    D::AuthorisedPersonPowerOfAttorney,
];

const ADULT: [Document; 4] = [
    D::IdentityCard,
    D::FeeReceipt,
    D::PreviousPassport,
    D::ApplicantInPerson,
];

const UNDER_14: [Document; 5] = [
    D::MinorBirthCertificate,
    D::ParentsIdentityDocuments,
    D::FeeReceipt,
    D::MinorPreviousPassport,
    D::MinorPresent,
];

const FROM_14: [Document; 6] = [
    D::MinorIdentityCard,
    D::ParentsConsentDeclarations,
    D::MinorMarriageCertificate,
    D::FeeReceipt,
    D::MinorPreviousPassport,
    D::MinorInPerson,
];

/// The MAI list for domicile abroad, plus presence in person: the official list omits it,
/// but the face image (and from 12 the fingerprints) are taken at the counter.
const ABROAD: [Document; 5] = [
    D::PreviousPassport,
    D::FeeReceipt,
    D::RomanianCivilStatusCertificates,
    D::ResidenceAbroadProof,
    D::ApplicantInPerson,
];

/// The minor-abroad list of the MAI text; the parents' part follows by age group.
const MINOR_ABROAD: [Document; 4] = [
    D::MinorPreviousPassport,
    D::FeeReceipt,
    D::MinorRomanianBirthCertificate,
    D::MinorDomicileAbroadProof,
];

/// The wizard's list for a category. [`HolderCategory::DomicileAbroad`] gives the list of
/// an adult domiciled abroad; a minor domiciled abroad needs [`documents_for`] with the age.
#[must_use]
pub fn documents(category: HolderCategory, passport: PassportType) -> Vec<Document> {
    let mut list = match category {
        HolderCategory::Adult => ADULT.to_vec(),
        HolderCategory::MinorUnder14 => {
            [&UNDER_14[..], &UNDER_14_STAND_INS, &SINGLE_PARENT].concat()
        }
        HolderCategory::Minor14To17 => [&FROM_14[..], &SINGLE_PARENT].concat(),
        HolderCategory::DomicileAbroad => ABROAD.to_vec(),
    };
    adapt_for(passport, &mut list);
    list
}

/// The list for one person, from the age (whole years) and the domicile. A minor
/// domiciled abroad gets the minor-abroad list (no Romanian identity card: it is issued
/// only to those domiciled in Romania) plus the parents' part of their age group.
#[must_use]
pub fn documents_for(passport: PassportType, age: u32, domicile_abroad: bool) -> Vec<Document> {
    let mut list = match (domicile_abroad, age) {
        (true, 0..14) => [
            &MINOR_ABROAD[..],
            &[D::ParentsIdentityDocuments, D::MinorPresent],
            &UNDER_14_STAND_INS,
            &SINGLE_PARENT,
        ]
        .concat(),
        (true, 14..18) => [
            &MINOR_ABROAD[..],
            &[
                D::ParentsConsentDeclarations,
                D::MinorMarriageCertificate,
                D::MinorInPerson,
            ],
            &SINGLE_PARENT,
        ]
        .concat(),
        _ => return documents(category(age, domicile_abroad), passport),
    };
    adapt_for(passport, &mut list);
    list
}

/// The temporary passport takes the same lists, except that a minor under 14 may be
/// represented by two photographs (Alba county office's page: no biometrics are taken
/// for it), and urgent 3-day issuance needs proof of the urgency.
fn adapt_for(passport: PassportType, list: &mut Vec<Document>) {
    if passport == PassportType::Temporary {
        for d in list.iter_mut() {
            if *d == D::MinorPresent {
                *d = D::MinorPresentOrPhotos;
            }
        }
        list.push(D::UrgencyProof);
    }
}
