//! The stable id and the catalogue key of each document.

use super::Document;

impl Document {
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
