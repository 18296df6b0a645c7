//! The rules a clerk applies when registering an application at the counter (SPEC §3):
//! where the passport may be collected, whether it may go by courier, and whether the
//! fee receipt covers what is due.
//!
//! - Pickup: an electronic passport at any passport office or consular mission; a
//!   temporary passport only at the office where the application was submitted (it is
//!   personalised there, fast, for an urgent trip).
//! - Courier: only the electronic passport, to an address in Romania (MAI press release
//!   13/2021); the passport then goes to no mission, so a courier delivery with a
//!   mission as the pickup place is refused.
//! - Fee: the passport fee for the holder's age on the submission day. The courier
//!   charge (11,30 lei) is usually paid to the courier on delivery, but a receipt that
//!   covers both is accepted too; any other amount is refused with the amount due.

mod delivery;
mod fee;

pub use delivery::{DeliveryError, Pickup, check_delivery};
pub use fee::{FeeDue, FeeMismatch};

#[cfg(test)]
mod tests;
