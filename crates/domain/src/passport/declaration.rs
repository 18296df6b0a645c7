//! Lost, stolen or destroyed passports (SPEC J8, the MAI text in `shared/seeds/003`): what
//! a declaration says and the checks it must pass at the counter. A loss is declared
//! within 48 hours, a theft at once to the police (who give an adeverință whose number
//! the clerk records), a destruction when applying for a new passport. A declared
//! passport is invalid from the declaration on.

use chrono::{NaiveDate, TimeDelta};

use crate::booking::{UnknownName, parse_name};

/// What happened to the passport.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeclarationKind {
    Lost,
    Stolen,
    Destroyed,
}

impl DeclarationKind {
    pub const ALL: [Self; 3] = [Self::Lost, Self::Stolen, Self::Destroyed];

    /// The stable name (forms, API, database).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Lost => "lost",
            Self::Stolen => "stolen",
            Self::Destroyed => "destroyed",
        }
    }

    /// Its catalogue key (`pierdut`, `furat`, `distrus`).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Lost => "passport_declared.lost",
            Self::Stolen => "passport_declared.stolen",
            Self::Destroyed => "passport_declared.destroyed",
        }
    }
}

impl std::str::FromStr for DeclarationKind {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name(&Self::ALL, Self::as_str, "declaration kind", s)
    }
}

/// How long after a loss it must be declared.
pub const LOSS_DECLARED_WITHIN: TimeDelta = TimeDelta::hours(48);

/// Why a declaration cannot be recorded as typed: each names its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DeclarationError {
    /// The event's date is after today.
    #[error("the event cannot be in the future")]
    OccurredInFuture,
    /// A theft is declared to the police first: their certificate's number is required.
    #[error("a theft needs the police certificate's number")]
    PoliceCertificateMissing,
}

impl DeclarationError {
    /// The form field to blame.
    #[must_use]
    pub const fn field(self) -> &'static str {
        match self {
            Self::OccurredInFuture => "occurred_on",
            Self::PoliceCertificateMissing => "police_certificate",
        }
    }

    /// The error's code (`field.<code>` in the catalogues).
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::OccurredInFuture => "declaration_in_future",
            Self::PoliceCertificateMissing => "police_certificate_missing",
        }
    }
}

/// Checks a declaration of `kind` for an event on `occurred_on`, declared `today`.
///
/// # Errors
/// The first rule it breaks.
pub fn check_declaration(
    kind: DeclarationKind,
    occurred_on: NaiveDate,
    today: NaiveDate,
    police_certificate: Option<&str>,
) -> Result<(), DeclarationError> {
    if occurred_on > today {
        return Err(DeclarationError::OccurredInFuture);
    }
    if kind == DeclarationKind::Stolen && police_certificate.is_none_or(|n| n.trim().is_empty()) {
        return Err(DeclarationError::PoliceCertificateMissing);
    }
    Ok(())
}

/// Whether a loss on `occurred_on` is declared `today` later than the law asks (more
/// than 48 hours: a day after the next). Recorded anyway — the holder still needs the
/// adeverință — and printed on it.
#[must_use]
pub fn declared_late(kind: DeclarationKind, occurred_on: NaiveDate, today: NaiveDate) -> bool {
    kind == DeclarationKind::Lost && today - occurred_on > TimeDelta::days(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in DeclarationKind::ALL {
            assert_eq!(kind.as_str().parse::<DeclarationKind>(), Ok(kind));
        }
        assert!("pierdut".parse::<DeclarationKind>().is_err());
    }

    #[test]
    fn a_theft_needs_the_police_certificate_and_no_event_is_in_the_future() {
        let today = day(7);
        assert_eq!(
            check_declaration(DeclarationKind::Stolen, day(6), today, None),
            Err(DeclarationError::PoliceCertificateMissing)
        );
        assert_eq!(
            check_declaration(DeclarationKind::Stolen, day(6), today, Some("  ")),
            Err(DeclarationError::PoliceCertificateMissing)
        );
        assert_eq!(
            check_declaration(DeclarationKind::Stolen, day(6), today, Some("123/2026")),
            Ok(())
        );
        assert_eq!(
            check_declaration(DeclarationKind::Lost, day(7), today, None),
            Ok(())
        );
        assert_eq!(
            check_declaration(DeclarationKind::Destroyed, day(8), today, None),
            Err(DeclarationError::OccurredInFuture)
        );
        assert_eq!(DeclarationError::OccurredInFuture.field(), "occurred_on");
    }

    #[test]
    fn a_loss_is_late_after_48_hours_and_other_kinds_never() {
        assert!(!declared_late(DeclarationKind::Lost, day(5), day(7)));
        assert!(declared_late(DeclarationKind::Lost, day(4), day(7)));
        assert!(!declared_late(DeclarationKind::Destroyed, day(1), day(7)));
        assert!(!declared_late(DeclarationKind::Stolen, day(1), day(7)));
    }
}
