//! The English translation of each document, faithful to the Romanian wording.

use super::Document;

pub(super) const fn text(d: Document) -> &'static str {
    match d {
        Document::IdentityCard => {
            "Your identity card, provisional identity card or, where applicable, old-style identity booklet, valid, in original. A provisional identity card must be accompanied by the birth certificate, in original."
        }
        Document::FeeReceipt => {
            "Proof of payment of the passport fee, in original, or the payment document/proof of the transaction, on paper or in electronic form, showing the transaction number, the details of the person the passport is for (surname, first name, CNP) and the amount paid for the type of passport requested."
        }
        Document::PreviousPassport => "Your previous passport, if you have one.",
        Document::ApplicantInPerson => "You must submit the documents in person.",
        Document::MinorBirthCertificate => "The minor's birth certificate, in original.",
        Document::ParentsIdentityDocuments => {
            "The identity document(s) of the parent(s), of the legal representative or, where applicable, of the authorised person, valid, in original."
        }
        Document::MinorPreviousPassport => "The minor's previous passport, if there is one.",
        Document::MinorPresent => {
            "The minor must be present when the documents are submitted; the documents are submitted by the parents/parent/legal representative/authorised person."
        }
        Document::MinorPresentOrPhotos => {
            "The documents are submitted by the parents/parent/legal representative/authorised person; if the minor is not present when the application is submitted, the parents also attach two identical colour photographs of the minor, 3.5 x 4.5 cm."
        }
        Document::OtherParentConsentOrPowerOfAttorney => {
            "If only one parent applies: the special power of attorney by which one parent authorises the other, or the other parent's declaration of consent, in original, or a duplicate of the original for a special power of attorney or declaration authenticated and issued on or after 1 January 2013."
        }
        Document::AuthorisedPersonPowerOfAttorney => {
            "If an authorised person applies: the special power of attorney, in original, or a duplicate of the original for special powers of attorney authenticated and issued on or after 1 January 2013."
        }
        Document::SoleParentalAuthorityDecision => {
            "If one parent alone exercises parental authority: the final and irrevocable court decision granting custody of the minor, or the court decision under which that parent alone exercises parental authority (final and irrevocable, or final for proceedings begun on or after 15 February 2013), or the interim court order (ordonanță președințială) expressly stating that the parent may apply for the passport or consent to its issue alone, in original."
        }
        Document::CourtDecisionReplacingConsent => {
            "The court decision (final and irrevocable, or final for proceedings begun on or after 15 February 2013) or the interim court order by which the court replaced the other parent's consent to the issue of the passport, in original."
        }
        Document::OtherParentDeathCertificate => {
            "The other parent's death certificate, when the surviving parent applies or gives consent, in original."
        }
        Document::LegalRepresentativeAppointment => {
            "The act appointing the legal representative, when the legal representative applies or gives consent."
        }
        Document::MinorIdentityCard => {
            "The minor's identity card or, where applicable, provisional identity card, valid, in original. A provisional identity card, or an identity card that does not show the parents' first names, must be accompanied by the minor's birth certificate, in original."
        }
        Document::ParentsConsentDeclarations => {
            "The declarations of consent to the issue of the passport, given as the case may be by both parents/one parent/the surviving parent/the legal representative, in original, or a duplicate of the original for declarations authenticated and issued on or after 1 January 2013 (not needed for a minor married under the law). When the declarations of consent are made at the counter, the valid identity documents of the parents, of one parent or of the legal representative must be shown, in original."
        }
        Document::MinorMarriageCertificate => {
            "For a minor married under the law: the marriage certificate, in original (instead of the parents' declarations of consent)."
        }
        Document::MinorInPerson => {
            "The minor submits the documents in person; the minor's presence at the counter is mandatory."
        }
        Document::RomanianCivilStatusCertificates => {
            "Romanian civil-status certificates, in original, with a CNP assigned (for example, the birth certificate, the marriage certificate)."
        }
        Document::ResidenceAbroadProof => {
            "Documents issued by the authorities of the state of domicile, in original, with an authorised translation into Romanian where needed, showing that the applicant: has obtained a right of residence in that state for at least one year or, where applicable, has had the right of residence extended successively within one year; has obtained a right of residence in that state for family reunification with a person domiciled there; has obtained a long-term or, where applicable, a permanent right of residence in that state; has also acquired the citizenship of that state; has obtained a right to work or is enrolled in a private or public institution mainly to study, including vocational training; or has obtained a registration certificate or a document attesting residence in a member state of the European Union, of the European Economic Area or in the Swiss Confederation."
        }
        Document::MinorRomanianBirthCertificate => {
            "The minor's Romanian birth certificate, with a CNP assigned, in original."
        }
        Document::MinorDomicileAbroadProof => {
            "Proof of the minor's domicile abroad, which is: the minor's own passport showing the state of domicile, only if at least one parent is domiciled in that state; or the passport of the parents, of one parent or of the legal representative, as follows: both parents' passports, if they are domiciled in the same state; one parent's passport together with the other parent's declaration of consent to the minor's domicile or, where applicable, the court decision establishing the minor's domicile with one parent; the surviving parent's passport; the passport of the parent to whom the minor was entrusted, or who alone exercises parental authority, by a final court decision; the legal representative's passport."
        }
        Document::UrgencyProof => {
            "For issue within at most 3 working days in the urgent cases provided by law: the supporting documents proving the urgency, presented when the application is submitted (for example, documents attesting the health, family or professional reasons for travelling abroad urgently). Otherwise the temporary passport is issued within 10 working days."
        }
    }
}
