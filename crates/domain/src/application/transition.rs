//! The moves the application lifecycle allows, and the error for the others.

use super::ApplicationStatus;

/// A move the lifecycle does not allow (the API answers 409).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("an application that is {from} cannot become {to}")]
pub struct IllegalApplicationTransition {
    /// The current status.
    pub from: ApplicationStatus,
    /// The requested status.
    pub to: ApplicationStatus,
}

/// `to`, if the lifecycle allows moving there from `from`.
///
/// Staying in the same status is not a move and is refused like any other illegal one;
/// a shell that wants retried API calls to be idempotent compares the current status
/// with the requested one first.
pub const fn transition(
    from: ApplicationStatus,
    to: ApplicationStatus,
) -> Result<ApplicationStatus, IllegalApplicationTransition> {
    use ApplicationStatus as A;
    match (from, to) {
        (A::Submitted, A::InProduction | A::Rejected)
        | (A::InProduction, A::Ready | A::Shipped | A::Rejected)
        | (A::Ready, A::HandedOver | A::Shipped) => Ok(to),
        _ => Err(IllegalApplicationTransition { from, to }),
    }
}
