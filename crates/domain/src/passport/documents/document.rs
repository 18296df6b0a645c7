//! The documents and requirements of the official lists, one variant per bullet.

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
}
