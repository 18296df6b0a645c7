//! E-mail: what the service sends (as plain values), how it is rendered (templates, text +
//! HTML, Romanian with English fallback), how it travels (SMTP, files, memory), and the
//! outbox worker that delivers it at least once.
//!
//! The flow: a booking change builds a [`Mail`] value, seals it into an outbox row in the
//! same transaction; the worker ([`outbox::deliver_due`]) claims rows, renders, sends, and
//! marks them sent or schedules a retry. No transaction is ever held across the network.

pub mod ics;
pub mod message;
pub mod outbox;
pub mod relay;
pub mod render;
pub mod transport;

pub use message::{
    Appointment, ExpiryNotice, HeldSlot, LookupItem, Mail, PendingConfirm, PersonLine,
    URGENT_KINDS, WaitlistWish,
};
pub use outbox::{DeliveryReport, MailSettings, deliver_due};
pub use relay::RelayWatch;
pub use render::{RenderedMail, render, render_at};
pub use transport::{Envelope, Mailer, SendError, SentMail, list_mail_dir};
