//! The e-mails the service sends, as plain serialisable values. One of these, sealed, is
//! the payload of an outbox row: it carries everything the renderer needs, so rendering
//! never reads the database (the booking may have changed or been anonymised since).
//! It never carries a CNP.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mail {
    /// J2 step 7: "confirm within 30 minutes" with the confirm link.
    ConfirmRequest {
        to: String,
        lang: Lang,
        confirm_url: String,
        expires_at: DateTime<Utc>,
        appointment: Appointment,
    },
    /// J3: the appointment confirmed, with what to bring, the fees, an .ics and the cancel link.
    Confirmed {
        to: String,
        lang: Lang,
        cancel_url: String,
        appointment: Appointment,
    },
    /// J4: the cancellation notice (by the citizen, or by staff with a reason key).
    Cancelled {
        to: String,
        lang: Lang,
        /// A `booking::CancelReason` name; "citizen" when the citizen cancelled.
        reason: String,
        /// Staff's explanation in words (required with the reason "other").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        appointment: Appointment,
    },
    /// SPEC §8: a far-ahead appointment must be reconfirmed by `reconfirm_by` (one click),
    /// else it is cancelled and its seats go to someone waiting.
    ReconfirmRequest {
        to: String,
        lang: Lang,
        reconfirm_url: String,
        reconfirm_by: DateTime<Utc>,
        appointment: Appointment,
    },
    /// Issue 12: the appointment is in two days — what to bring, the fees, the cancel link.
    Reminder {
        to: String,
        lang: Lang,
        cancel_url: String,
        appointment: Appointment,
    },
    /// J5: the active appointments held for an address, each with its true status and
    /// fresh links (a confirm link too while it waits for its confirmation).
    Lookup {
        to: String,
        lang: Lang,
        appointments: Vec<LookupItem>,
    },
    /// SPEC §3: the passport is at the pickup place ("Gata de ridicare").
    ApplicationReady {
        to: String,
        lang: Lang,
        /// The application number, e.g. "CJ-2026-000123-K".
        number: String,
        /// Where to collect it: the office's name and address, or the mission's name.
        pickup: String,
        /// The expiry reminder the holder asked for (issue 12), now scheduled.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reminder: Option<ExpiryNotice>,
    },
    /// SPEC §3: the passport is on its way by courier.
    ApplicationShipped {
        to: String,
        lang: Lang,
        number: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reminder: Option<ExpiryNotice>,
    },
    /// Issue 12: the passport expires in 6 months (the holder asked for this e-mail).
    PassportExpiring {
        to: String,
        lang: Lang,
        expires_on: NaiveDate,
        unsubscribe_url: String,
    },
    /// SPEC §8: confirm a draw entry within the deadline, or it lapses.
    DrawConfirmRequest {
        to: String,
        lang: Lang,
        confirm_url: String,
        expires_at: DateTime<Utc>,
        draw_date: NaiveDate,
        /// The entry's public id: the entrant finds it among the draw's entry ids.
        entry_id: String,
        /// When the draw runs.
        draw_at: DateTime<Utc>,
    },
    /// SPEC §8: the draw ran and this entry won nothing (with a waitlist place or not).
    DrawLost {
        to: String,
        lang: Lang,
        draw_date: NaiveDate,
        entry_id: String,
        waitlist: bool,
    },
    /// SPEC §8: a no-show blocks booking and draw entries until `until`.
    CoolOff {
        to: String,
        lang: Lang,
        /// The appointment that was missed (office-local date).
        date: NaiveDate,
        until: DateTime<Utc>,
        timezone: String,
    },
    /// SPEC §8: confirm the place on the waitlist within the deadline.
    WaitlistConfirmRequest {
        to: String,
        lang: Lang,
        confirm_url: String,
        expires_at: DateTime<Utc>,
        wish: WaitlistWish,
    },
    /// SPEC §8: the family is on the waitlist.
    WaitlistWaiting {
        to: String,
        lang: Lang,
        wish: WaitlistWish,
    },
    /// SPEC §8: seats are held for the family until `hold_until`; one click takes them.
    HoldOffered {
        to: String,
        lang: Lang,
        take_url: String,
        hold_until: DateTime<Utc>,
        seats: HeldSlot,
    },
    /// SPEC §8: the hold was not taken in time; the family keeps its place.
    HoldLapsed {
        to: String,
        lang: Lang,
        seats: HeldSlot,
    },
}

/// What a family on the waitlist asked for (no personal data).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitlistWish {
    pub offices: Vec<String>,
    pub date_from: NaiveDate,
    pub date_to: NaiveDate,
    pub persons: u16,
}

/// Seats held for a family: where and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeldSlot {
    pub office_name: String,
    pub office_address: String,
    /// IANA zone of the office.
    pub timezone: String,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub persons: u16,
}

/// The kinds of mail whose reader has a deadline (a link to confirm, take or reconfirm
/// within minutes or hours, or a lookup someone waits for at the screen). The outbox
/// sends them before every other kind: after a draw, thousands of result e-mails must not
/// hold back a confirmation request whose 30 minutes are running. The migration
/// `0013_outbox_urgency.sql` spells the same list in SQL (a generated column the claim
/// orders by); `tests/store_story/outbox.rs` checks the two agree.
pub const URGENT_KINDS: [&str; 6] = [
    "confirm_request",
    "draw_confirm_request",
    "waitlist_confirm_request",
    "hold_offered",
    "reconfirm_request",
    "lookup",
];

impl Mail {
    /// Whether this mail goes out before the others ([`URGENT_KINDS`]).
    pub fn urgent(&self) -> bool {
        URGENT_KINDS.contains(&self.kind())
    }

    /// The stable name stored in the outbox's `kind` column.
    pub fn kind(&self) -> &'static str {
        match self {
            Mail::ConfirmRequest { .. } => "confirm_request",
            Mail::Confirmed { .. } => "confirmed",
            Mail::Cancelled { .. } => "cancelled",
            Mail::ReconfirmRequest { .. } => "reconfirm_request",
            Mail::Lookup { .. } => "lookup",
            Mail::Reminder { .. } => "reminder",
            Mail::ApplicationReady { .. } => "application_ready",
            Mail::ApplicationShipped { .. } => "application_shipped",
            Mail::PassportExpiring { .. } => "passport_expiring",
            Mail::DrawConfirmRequest { .. } => "draw_confirm_request",
            Mail::DrawLost { .. } => "draw_lost",
            Mail::CoolOff { .. } => "cool_off",
            Mail::WaitlistConfirmRequest { .. } => "waitlist_confirm_request",
            Mail::WaitlistWaiting { .. } => "waitlist_waiting",
            Mail::HoldOffered { .. } => "hold_offered",
            Mail::HoldLapsed { .. } => "hold_lapsed",
        }
    }

    pub fn to(&self) -> &str {
        match self {
            Mail::ConfirmRequest { to, .. }
            | Mail::Confirmed { to, .. }
            | Mail::Cancelled { to, .. }
            | Mail::ReconfirmRequest { to, .. }
            | Mail::Lookup { to, .. }
            | Mail::Reminder { to, .. }
            | Mail::ApplicationReady { to, .. }
            | Mail::ApplicationShipped { to, .. }
            | Mail::PassportExpiring { to, .. }
            | Mail::DrawConfirmRequest { to, .. }
            | Mail::DrawLost { to, .. }
            | Mail::CoolOff { to, .. }
            | Mail::WaitlistConfirmRequest { to, .. }
            | Mail::WaitlistWaiting { to, .. }
            | Mail::HoldOffered { to, .. }
            | Mail::HoldLapsed { to, .. } => to,
        }
    }
}

/// The expiry reminder a "ready"/"shipped" e-mail announces: when the passport expires,
/// when the reminder comes, and the link that cancels it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpiryNotice {
    pub expires_on: NaiveDate,
    pub remind_on: NaiveDate,
    pub unsubscribe_url: String,
}

/// One appointment of a lookup answer. Messages queued before issue 12 held
/// `[appointment, cancel_url]` pairs; a struct deserialises from such a sequence too, so
/// they still render (as confirmed, with their cancel link).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LookupItem {
    pub appointment: Appointment,
    pub cancel_url: String,
    /// While the booking waits for its e-mail confirmation: a fresh confirm link and the
    /// moment it lapses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm: Option<PendingConfirm>,
}

/// The confirm link of a booking still pending, and its deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingConfirm {
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

/// An appointment as the citizen reads it: office-local date and time, the office's zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Appointment {
    /// The booking's public id (shown as a reference number).
    pub booking_id: String,
    pub office_name: String,
    pub office_address: String,
    /// IANA zone of the office, e.g. "Europe/Bucharest".
    pub timezone: String,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// `passport::PassportType` name, e.g. "passport_electronic".
    pub service: String,
    pub persons: Vec<PersonLine>,
}

/// One person of an appointment: names only (never the CNP), and what applies to them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonLine {
    pub first_name: String,
    pub last_name: String,
    /// `passport::HolderCategory` name, derived from the CNP's age on the appointment date.
    pub category: String,
    /// The fee due for this person, in bani.
    pub fee_bani: u32,
    /// `passport::Document` keys, in the order to list them.
    pub documents: Vec<String>,
}
