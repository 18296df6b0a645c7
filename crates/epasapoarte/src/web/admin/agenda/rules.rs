//! What the counter may do to a booking, and when. The domain lifecycle decides which
//! moves exist (`step`); two rules of time are the counter's own:
//! - check-in opens on the appointment's day (office time), not before — people come
//!   early, but a booking of another day is not "present";
//! - a no-show can be marked only [`NO_SHOW_GRACE`] after the appointment's time (people
//!   run late; a no-show blocks their CNPs for weeks), and only when the clerk confirms
//!   it (the agenda asks first).
//!
//! Completion and cancellation have no time rule (a cancellation for missing documents
//! may well happen before the day).

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use epasapoarte_domain::booking::{BookingEvent, CancelReason, step};

use super::day;
use crate::store::BookingRecord;

/// The reasons offered at the counter: the official counter causes, and "other". A
/// schedule change is the office re-planning page's reason, not the counter's.
pub const COUNTER_REASONS: [CancelReason; 4] = [
    CancelReason::NameMismatch,
    CancelReason::MissingDocuments,
    CancelReason::NoProofOfPayment,
    CancelReason::Other,
];

/// How late after the appointment's time a no-show may be marked (issue 12).
pub const NO_SHOW_GRACE: TimeDelta = TimeDelta::minutes(15);

/// The form field a no-show must carry: the clerk confirmed it on the agenda.
pub const NO_SHOW_CONFIRMED: (&str, &str) = ("confirmare", "da");

/// Why a move the lifecycle allows is not possible yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooEarly {
    CheckIn,
    NoShow,
}

impl TooEarly {
    pub fn key(self) -> &'static str {
        match self {
            TooEarly::CheckIn => "admin.agenda.too_early_check_in",
            TooEarly::NoShow => "admin.agenda.too_early_no_show",
        }
    }
}

/// The time rule for `event` on `record` at `now`.
pub fn too_early(
    event: BookingEvent,
    record: &BookingRecord,
    tz: Tz,
    now: DateTime<Utc>,
) -> Option<TooEarly> {
    match event {
        BookingEvent::CheckIn if day::today(tz, now) < record.date => Some(TooEarly::CheckIn),
        BookingEvent::MarkNoShow if now < record.starts_at + NO_SHOW_GRACE => {
            Some(TooEarly::NoShow)
        }
        _ => None,
    }
}

/// Whether the counter may do `event` to `record` now (its button is shown).
pub fn allows(event: BookingEvent, record: &BookingRecord, tz: Tz, now: DateTime<Utc>) -> bool {
    step(record.status, event).is_ok() && too_early(event, record, tz, now).is_none()
}

/// A posted reason, if it is one the counter offers.
pub fn reason(text: &str) -> Option<CancelReason> {
    COUNTER_REASONS
        .into_iter()
        .find(|reason| reason.as_str() == text)
}
