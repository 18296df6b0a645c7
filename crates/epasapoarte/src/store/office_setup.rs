//! Office setup (SPEC §3): the weekly hours, date exceptions and settings a manager
//! changes, and the re-planning of future slots that goes with each change — in the same
//! transaction, so the public site never sees new hours with old slots.
//!
//! Re-planning never deletes a slot and never lowers a slot below the seats it holds
//! (`taken <= capacity` stays a CHECK): a slot the new schedule drops gets `scheduled` 0
//! and `capacity` = `taken`. The bookings held above their slot's schedule are the
//! *conflicts* the manager decides on: keep (remembered in `bookings.kept_at`) or cancel.
//! A database trigger shrinks such a slot back towards its schedule whenever seats return
//! to it, so a freed seat of a dropped slot is never offered again.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use epasapoarte_domain::booking::BookingStatus;
use epasapoarte_domain::passport::PassportType;
use epasapoarte_domain::schedule::{DateException, OpeningInterval};

use super::{NewAuditEntry, PlannedSlot, StoreResult};
use crate::ids::{BookingId, OfficeId};

/// The office's future slots under its new schedule: every slot starting at or after
/// `from` is set to what `planned` says, or to nothing (`scheduled` 0) if it is absent.
/// `planned` must cover every date that has slots (the caller plans up to the later of
/// the horizon and the office's last slot).
#[derive(Debug, Clone)]
pub struct Replan {
    pub from: DateTime<Utc>,
    pub planned: Vec<PlannedSlot>,
}

/// The settings of `/admin/birouri/{office}/setari`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeSettings {
    pub services: Vec<PassportType>,
    pub max_persons: u8,
    pub horizon_days: u32,
}

/// A booking (pending or confirmed, not kept) in a slot that holds more seats than the
/// new schedule gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplanConflict {
    pub booking_id: BookingId,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub starts_at: DateTime<Utc>,
    pub status: BookingStatus,
    pub persons: u16,
    /// Seats the new schedule gives the slot (0: the slot is gone).
    pub scheduled: u16,
    /// Seats held in the slot, by every booking.
    pub taken: u16,
}

/// Each method is one transaction; the `replan` ones re-plan in the same transaction, and
/// the `audit` line, when given, is written in it too (a change and its line commit
/// together or not at all).
#[async_trait]
pub trait OfficeSetup: Send + Sync + 'static {
    /// Replaces the office's weekly intervals.
    async fn save_weekly_hours(
        &self,
        office_id: OfficeId,
        weekly: &[OpeningInterval],
        replan: &Replan,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()>;

    /// Adds a date exception (the caller has checked there is none for that date).
    async fn add_exception(
        &self,
        office_id: OfficeId,
        exception: &DateException,
        replan: &Replan,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()>;

    /// Removes the exception of `date`; `false` if there was none (nothing re-planned).
    async fn remove_exception(
        &self,
        office_id: OfficeId,
        date: NaiveDate,
        replan: &Replan,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<bool>;

    /// Replaces the services and limits.
    async fn save_office_settings(
        &self,
        office_id: OfficeId,
        settings: &OfficeSettings,
        replan: &Replan,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()>;

    /// The undecided conflicts of slots starting at or after `from`, by time.
    async fn replan_conflicts(
        &self,
        office_id: OfficeId,
        from: DateTime<Utc>,
    ) -> StoreResult<Vec<ReplanConflict>>;

    /// Marks an active booking of the office as kept despite the schedule; `false` if it
    /// is not an active, undecided booking of that office.
    async fn keep_booking(
        &self,
        office_id: OfficeId,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<bool>;
}

/// The conflict query, the same on both backends but for the placeholders: bookings held
/// in slots whose seats, minus those of kept bookings, pass what the schedule gives.
pub(crate) const CONFLICTS_SQL: &str = "
SELECT b.id, s.date, s.time, s.starts_at, b.status, b.persons, s.scheduled, s.taken
FROM bookings b JOIN slots s ON s.id = b.slot_id
WHERE s.office_id = {1} AND s.starts_at >= {2} AND s.scheduled IS NOT NULL
  AND b.status IN ('pending', 'confirmed') AND b.kept_at IS NULL
  AND s.taken - (SELECT COALESCE(SUM(k.persons), 0) FROM bookings k
                 WHERE k.slot_id = s.id AND k.kept_at IS NOT NULL
                   AND k.status IN ('pending', 'confirmed', 'checked_in')) > s.scheduled
ORDER BY s.starts_at, b.created_at, b.id";

/// [`CONFLICTS_SQL`] with the backend's placeholders.
pub(crate) fn conflicts_sql(placeholder: fn(usize) -> String) -> String {
    CONFLICTS_SQL
        .replace("{1}", &placeholder(1))
        .replace("{2}", &placeholder(2))
}
