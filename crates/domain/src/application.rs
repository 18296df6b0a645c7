//! The passport application lifecycle (SPEC §3), from the counter to the citizen's hands.
//!
//! ```text
//! submitted ──▶ in_production ──▶ ready ──▶ handed_over
//!     │              │  └───────────┴──▶ shipped   (courier)
//!     └──────────────┴──▶ rejected (with a reason)
//! ```
//!
//! `shipped` is reachable from `in_production` (courier chosen at the counter: the
//! production centre sends it straight to the address) and from `ready` (courier asked
//! for later, by e-mail to the office, as the MAI text allows). Both `shipped` and
//! `handed_over` are final: once the courier has it, the office's part is done.
//! `rejected` is possible while the application is still being processed (`submitted`,
//! `in_production`), not once a passport exists.
//!
//! The API sends the target status, so [`transition`] takes `(from, to)`; the shell
//! asks [`transition_for`], which also knows how the passport travels ([`Delivery`]): a
//! courier passport goes from `in_production` straight to `shipped` (never `ready` for
//! pickup), a temporary passport is never `shipped`, and one without a courier is shipped
//! only from `ready` (a courier asked for later).
//!
//! At the counter: the application number ([`ApplicationNumber`]) and the pickup, courier
//! and fee rules ([`check_delivery`], [`FeeDue`]).

mod counter;
mod number;
mod status;
mod transition;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use counter::{DeliveryError, FeeDue, FeeMismatch, Pickup, check_delivery};
pub use number::{ApplicationNumber, ApplicationNumberError, check_letter};
pub use status::{ApplicationStatus, UnknownApplicationStatus};
pub use transition::{Delivery, IllegalApplicationTransition, transition, transition_for};
