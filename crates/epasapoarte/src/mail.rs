//! E-mail: what the service sends (as plain values), how it is rendered (templates, text +
//! HTML, Romanian with English fallback), how it travels (SMTP, files, memory), and the
//! outbox worker that delivers it at least once.
//!
//! The flow: a booking change builds a [`Mail`] value, seals it into an outbox row in the
//! same transaction; the worker ([`outbox::deliver_due`]) claims rows, renders, sends, and
//! marks them sent or schedules a retry. No transaction is ever held across the network.

pub mod message;

pub use message::{Appointment, Mail, PersonLine};
