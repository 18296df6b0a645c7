//! Office setup (SPEC §3): a manager's new hours, exceptions or settings, saved together
//! with the re-planning of the office's future slots (see [`crate::store::OfficeSetup`]),
//! and the decisions on the bookings the new schedule no longer fits. The schedule was
//! validated by the domain before it gets here; who may change which office is the back
//! office's gate.

use chrono::{Days, NaiveDate};
use epasapoarte_domain::booking::{BookingEvent, CancelReason};
use epasapoarte_domain::schedule::{BookingWindow, DateException, Schedule, slots_between};

use super::audit::AuditEvent;
use super::{BookingService, ServiceResult, StaffMoveOutcome};
use crate::ids::{BookingId, OfficeId};
use crate::store::{OfficeRecord, OfficeSettings, PlannedSlot, Replan, ReplanConflict};

/// How far ahead existing slots are looked for (past any horizon an office can have), so a
/// slot planned under a longer horizon is re-planned too rather than left stale.
const LOOK_AHEAD_DAYS: u64 = 400;

impl BookingService {
    /// Saves the weekly intervals of `schedule` (its exceptions are the office's own).
    pub async fn save_weekly_hours(
        &self,
        office: &OfficeRecord,
        schedule: &Schedule,
        audit: AuditEvent,
    ) -> ServiceResult<()> {
        let replan = self.replan(office, schedule, office.horizon_days).await?;
        let weekly: Vec<_> = schedule.weekly().collect();
        let audit = audit.entry(self.now());
        self.store
            .save_weekly_hours(office.id, &weekly, &replan, Some(&audit))
            .await?;
        self.directory.invalidate_all();
        Ok(())
    }

    /// Adds `exception`; `schedule` is the office's schedule with it (checked, so the
    /// date had no exception yet).
    pub async fn add_office_exception(
        &self,
        office: &OfficeRecord,
        exception: &DateException,
        schedule: &Schedule,
        audit: AuditEvent,
    ) -> ServiceResult<()> {
        // The public pages say a public holiday is closed: an exception may close it
        // further, never open it (issue 12; an office that opens on holidays changes its
        // holiday rule instead, which the pages then show).
        if office.schedule.would_open_a_holiday(exception).is_some() {
            return Err(super::ServiceError::Validation(super::FieldErrors::single(
                "date",
                "holiday_opened",
            )));
        }
        let replan = self.replan(office, schedule, office.horizon_days).await?;
        let audit = audit.entry(self.now());
        self.store
            .add_exception(office.id, exception, &replan, Some(&audit))
            .await?;
        self.directory.invalidate_all();
        Ok(())
    }

    /// Removes the exception of `date`; `false` if the office has none that day.
    pub async fn remove_office_exception(
        &self,
        office: &OfficeRecord,
        date: NaiveDate,
        audit: AuditEvent,
    ) -> ServiceResult<bool> {
        let weekly = office.schedule.weekly().collect();
        let exceptions = office
            .schedule
            .exceptions()
            .iter()
            .filter(|exception| exception.date != date)
            .cloned()
            .collect();
        let schedule = Schedule::new(weekly, exceptions)
            .map_err(|error| anyhow::anyhow!("a stored schedule less one date: {error}"))?
            .with_holiday_rule(office.schedule.holiday_rule());
        let replan = self.replan(office, &schedule, office.horizon_days).await?;
        let audit = audit.entry(self.now());
        let removed = self
            .store
            .remove_exception(office.id, date, &replan, Some(&audit))
            .await?;
        self.directory.invalidate_all();
        Ok(removed)
    }

    /// Saves services and limits; a new horizon opens or stops planning days.
    pub async fn save_office_settings(
        &self,
        office: &OfficeRecord,
        settings: &OfficeSettings,
        audit: AuditEvent,
    ) -> ServiceResult<()> {
        let replan = self
            .replan(office, &office.schedule, settings.horizon_days)
            .await?;
        let audit = audit.entry(self.now());
        self.store
            .save_office_settings(office.id, settings, &replan, Some(&audit))
            .await?;
        self.directory.invalidate_all();
        Ok(())
    }

    /// The bookings still waiting for the manager's decision, by time.
    pub async fn replan_conflicts(
        &self,
        office_id: OfficeId,
    ) -> ServiceResult<Vec<ReplanConflict>> {
        Ok(self.store.replan_conflicts(office_id, self.now()).await?)
    }

    /// Keeps a conflicting booking: it stays, holding exactly its seats. `false` when it
    /// is not an undecided conflict of the office (decided already, or another office's).
    pub async fn keep_conflicting_booking(
        &self,
        office_id: OfficeId,
        booking_id: &BookingId,
        audit: AuditEvent,
    ) -> ServiceResult<bool> {
        if !self.is_conflict(office_id, booking_id).await? {
            return Ok(false);
        }
        let now = self.now();
        Ok(self
            .store
            .keep_booking(office_id, booking_id, now, Some(&audit.entry(now)))
            .await?)
    }

    /// Cancels a conflicting booking with a staff reason; the citizen is e-mailed. `None`
    /// when it is not an undecided conflict of the office.
    pub async fn cancel_conflicting_booking(
        &self,
        office_id: OfficeId,
        booking_id: &BookingId,
        reason: CancelReason,
        audit: AuditEvent,
    ) -> ServiceResult<Option<StaffMoveOutcome>> {
        if !self.is_conflict(office_id, booking_id).await? {
            return Ok(None);
        }
        let outcome = self
            .move_booking_by_staff(
                booking_id,
                BookingEvent::Cancel,
                Some(super::StaffCancellation::new(reason)),
                audit,
            )
            .await?;
        Ok(Some(outcome))
    }

    async fn is_conflict(
        &self,
        office_id: OfficeId,
        booking_id: &BookingId,
    ) -> ServiceResult<bool> {
        Ok(self
            .replan_conflicts(office_id)
            .await?
            .iter()
            .any(|conflict| &conflict.booking_id == booking_id))
    }

    /// The office's future slots under `schedule`: from now to the later of the horizon
    /// and the office's last existing slot, so no existing slot keeps stale seats.
    async fn replan(
        &self,
        office: &OfficeRecord,
        schedule: &Schedule,
        horizon_days: u32,
    ) -> ServiceResult<Replan> {
        let now = self.now();
        let tz = office.timezone;
        let window = BookingWindow { now, horizon_days };
        let far = now
            .checked_add_days(Days::new(LOOK_AHEAD_DAYS))
            .unwrap_or(now);
        let last_existing = self
            .store
            .slots(office.id, now, far)
            .await?
            .last()
            .map(|slot| slot.date);
        let today = window.first_date(tz);
        let to = last_existing
            .map_or(window.last_date(tz), |last| last.max(window.last_date(tz)))
            .min(
                today
                    .checked_add_days(Days::new(LOOK_AHEAD_DAYS))
                    .unwrap_or(today),
            );
        let planned = slots_between(schedule, tz, today, to)
            .into_iter()
            .filter(|slot| slot.starts_at >= now)
            .map(|slot| PlannedSlot {
                date: slot.date,
                time: slot.time,
                starts_at: slot.starts_at,
                capacity: slot.capacity,
            })
            .collect();
        Ok(Replan { from: now, planned })
    }
}
