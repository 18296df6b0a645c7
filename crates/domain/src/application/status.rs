//! Where a passport application stands: the statuses, what each implies, and their names.

use std::fmt;
use std::str::FromStr;

/// Where a passport application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ApplicationStatus {
    /// Registered at the counter.
    Submitted,
    /// Being personalised at the production centre.
    InProduction,
    /// At the pickup office.
    Ready,
    /// Collected by the holder (or a person entitled to collect it).
    HandedOver,
    /// Sent by courier to an address in Romania.
    Shipped,
    /// Refused, with a reason.
    Rejected,
}

impl ApplicationStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [Self; 6] = [
        Self::Submitted,
        Self::InProduction,
        Self::Ready,
        Self::HandedOver,
        Self::Shipped,
        Self::Rejected,
    ];

    /// The status a new application starts in.
    pub const INITIAL: Self = Self::Submitted;

    /// The stable name (database, JSON, API).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::InProduction => "in_production",
            Self::Ready => "ready",
            Self::HandedOver => "handed_over",
            Self::Shipped => "shipped",
            Self::Rejected => "rejected",
        }
    }

    /// Whether reaching this status e-mails the citizen (ready to collect, or on its way).
    #[must_use]
    pub const fn notifies_citizen(self) -> bool {
        matches!(self, Self::Ready | Self::Shipped)
    }

    /// Whether moving to this status needs a reason (the API's `reason` field).
    #[must_use]
    pub const fn requires_reason(self) -> bool {
        matches!(self, Self::Rejected)
    }

    /// Whether the application can move no further.
    #[must_use]
    pub const fn is_final(self) -> bool {
        matches!(self, Self::HandedOver | Self::Shipped | Self::Rejected)
    }

    /// The catalogue key of its label on the public "Status pașaport" page.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Submitted => "application_status.submitted",
            Self::InProduction => "application_status.in_production",
            Self::Ready => "application_status.ready",
            Self::HandedOver => "application_status.handed_over",
            Self::Shipped => "application_status.shipped",
            Self::Rejected => "application_status.rejected",
        }
    }
}

impl fmt::Display for ApplicationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A status name that is not one of [`ApplicationStatus::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown application status: {0:?}")]
pub struct UnknownApplicationStatus(pub String);

impl FromStr for ApplicationStatus {
    type Err = UnknownApplicationStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| UnknownApplicationStatus(s.to_owned()))
    }
}
