//! Why a booking was cancelled: the citizen's own choice, or one of the causes the
//! official text names for cancelling at the counter, or a schedule change.

use std::fmt;
use std::str::FromStr;

use super::{UnknownName, parse_name};

/// The reason recorded with a cancellation (shown to the citizen in the e-mail).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CancelReason {
    /// The citizen cancelled through the link.
    Citizen,
    /// The names in the booking do not match the identity of the person who came.
    NameMismatch,
    /// The required documents were missing.
    MissingDocuments,
    /// No proof that the passport fee was paid.
    NoProofOfPayment,
    /// The office changed its hours and the appointment no longer fits.
    ScheduleChange,
    /// Anything else, explained by staff in free text.
    Other,
    /// Not reconfirmed in time when asked (SPEC §8 "Reconfirmation"): the service's own.
    NotReconfirmed,
}

/// The longest explanation staff may give with a cancellation, in characters.
pub const EXPLANATION_MAX_CHARS: usize = 300;

impl CancelReason {
    /// Every reason.
    pub const ALL: [Self; 7] = [
        Self::Citizen,
        Self::NameMismatch,
        Self::MissingDocuments,
        Self::NoProofOfPayment,
        Self::ScheduleChange,
        Self::Other,
        Self::NotReconfirmed,
    ];

    /// The reasons a clerk or manager can pick (the citizen's own and the service's own
    /// "not reconfirmed" are not theirs to pick).
    pub const STAFF: [Self; 5] = [
        Self::NameMismatch,
        Self::MissingDocuments,
        Self::NoProofOfPayment,
        Self::ScheduleChange,
        Self::Other,
    ];

    /// Whether staff must explain the reason in words ("other" says nothing by itself);
    /// the explanation goes to the citizen with the cancellation notice.
    #[must_use]
    pub const fn needs_explanation(self) -> bool {
        matches!(self, Self::Other)
    }

    /// The stable name (database, JSON, audit log).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Citizen => "citizen",
            Self::NameMismatch => "name_mismatch",
            Self::MissingDocuments => "missing_documents",
            Self::NoProofOfPayment => "no_proof_of_payment",
            Self::ScheduleChange => "schedule_change",
            Self::Other => "other",
            Self::NotReconfirmed => "not_reconfirmed",
        }
    }

    /// The catalogue key of its label. The Romanian wording of the three counter causes
    /// follows the DGP press release of 20.03.2023 ("neconcordanța între datele înscrise
    /// în formularul de programare (nume/prenume) și datele de identificare ale
    /// persoanei…, lipsa actelor necesare sau a dovezii achitării taxei de pașaport duc la
    /// anularea programării").
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Citizen => "cancel_reason.citizen",
            Self::NameMismatch => "cancel_reason.name_mismatch",
            Self::MissingDocuments => "cancel_reason.missing_documents",
            Self::NoProofOfPayment => "cancel_reason.no_proof_of_payment",
            Self::ScheduleChange => "cancel_reason.schedule_change",
            Self::Other => "cancel_reason.other",
            Self::NotReconfirmed => "cancel_reason.not_reconfirmed",
        }
    }
}

impl fmt::Display for CancelReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CancelReason {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name(&Self::ALL, Self::as_str, "cancel reason", s)
    }
}
