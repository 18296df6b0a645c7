//! The moves the application lifecycle allows, and the error for the others.

use super::ApplicationStatus;
use crate::passport::PassportType;

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

/// How the passport reaches its holder, as far as the lifecycle cares (issue 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// Courier chosen at the counter: the production centre sends the passport straight
    /// to the address, so it never waits at a pickup place (`ready` is not for it).
    Courier,
    /// Collected at the pickup place. An electronic passport may still be sent by
    /// courier once it is ready (asked for later, by e-mail to the office); a temporary
    /// passport never goes by courier.
    Pickup(PassportType),
}

impl Delivery {
    /// The delivery of an application of `passport`, with or without a courier.
    #[must_use]
    pub const fn of(passport: PassportType, courier: bool) -> Self {
        if courier {
            Self::Courier
        } else {
            Self::Pickup(passport)
        }
    }
}

/// `to`, if the lifecycle allows moving there from `from` for a passport delivered by
/// `delivery`: [`transition`], and then a courier passport is never `ready` for pickup,
/// a temporary passport is never `shipped`, and a passport without a courier is shipped
/// only once it is ready at the office.
///
/// # Errors
/// The refused move, as for [`transition`].
pub const fn transition_for(
    from: ApplicationStatus,
    to: ApplicationStatus,
    delivery: Delivery,
) -> Result<ApplicationStatus, IllegalApplicationTransition> {
    use ApplicationStatus as A;
    let refused = Err(IllegalApplicationTransition { from, to });
    if transition(from, to).is_err() {
        return refused;
    }
    match (to, delivery) {
        (A::Ready, Delivery::Courier) | (A::Shipped, Delivery::Pickup(PassportType::Temporary)) => {
            refused
        }
        (A::Shipped, Delivery::Pickup(PassportType::Electronic)) if !matches!(from, A::Ready) => {
            refused
        }
        _ => Ok(to),
    }
}
