//! SPEC §8 "No-show cool-off": a no-show blocks each CNP of the booking from booking and
//! from entering a draw for `EPAS_NO_SHOW_COOLOFF_DAYS` (three times as long for a second
//! within a year, `fair::cooloff`), with an e-mail saying until when; staff may undo the
//! mark the same office-local day, which restores the booking as it was.

use anyhow::Context;
use epasapoarte_domain::fair::{blocked_until, can_undo};

use super::audit::AuditEvent;
use super::{BookingService, ServiceError, ServiceResult};
use crate::i18n::Lang;
use crate::ids::BookingId;
use crate::mail::Mail;
use crate::store::{BookingMove, BookingRecord, NoShowMark, TransitionOutcome};
use epasapoarte_domain::booking::BookingStatus;

/// What undoing a no-show found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndoOutcome {
    Undone,
    /// The booking is not (or no longer) a no-show.
    NotANoShow,
    /// It was marked on an earlier day: too late to undo.
    TooLate,
}

impl BookingService {
    /// Confirmed → no-show with each CNP's cool-off mark and the e-mail, in one transaction.
    pub(super) async fn mark_no_show(
        &self,
        record: &BookingRecord,
        mut change: BookingMove,
        audit: &crate::store::NewAuditEntry,
    ) -> ServiceResult<TransitionOutcome> {
        let policy = self.config.fair.cooloff;
        let now = change.now;
        let mut marks = Vec::new();
        if policy.days > 0 {
            let hashes: Vec<Vec<u8>> = record.persons.iter().map(|p| p.cnp_hash.clone()).collect();
            let earlier = self.store.no_shows(&hashes).await?;
            for hash in hashes {
                let mut times: Vec<_> = earlier
                    .iter()
                    .filter(|mark| mark.cnp_hash == hash)
                    .map(|mark| mark.marked_at)
                    .collect();
                times.push(now);
                if let Some(until) = blocked_until(&times, &policy, now) {
                    marks.push(NoShowMark {
                        cnp_hash: hash,
                        marked_at: now,
                        blocked_until: until,
                    });
                }
            }
        }
        if let Some(until) = marks.iter().map(|m| m.blocked_until).max() {
            let office = self
                .directory
                .office(record.office_id)
                .await?
                .context("a booking at an unknown office")?;
            let mail = Mail::CoolOff {
                to: self
                    .crypto
                    .open_string(&record.email)
                    .context("opening a sealed e-mail address")?,
                lang: Lang::parse(&record.lang).unwrap_or_default(),
                date: record.date,
                until,
                timezone: office.timezone.name().to_owned(),
            };
            change.outbox = Some(self.seal_mail(&mail)?);
        }
        Ok(self
            .store
            .mark_no_show(&change, &marks, Some(audit))
            .await?)
    }

    /// Staff undo a no-show the same office-local day: the booking is `confirmed` again
    /// and its CNPs' marks are undone; the audit line commits with it.
    pub async fn undo_no_show(
        &self,
        booking_id: &BookingId,
        audit: AuditEvent,
    ) -> ServiceResult<UndoOutcome> {
        let record = self
            .store
            .booking(booking_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if record.status != BookingStatus::NoShow {
            return Ok(UndoOutcome::NotANoShow);
        }
        let now = self.now();
        let office = self
            .directory
            .office(record.office_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let hashes: Vec<Vec<u8>> = record.persons.iter().map(|p| p.cnp_hash.clone()).collect();
        let marked_at = self
            .store
            .no_shows(&hashes)
            .await?
            .iter()
            .map(|m| m.marked_at)
            .max()
            .unwrap_or(record.starts_at);
        if !can_undo(marked_at, now, office.timezone) {
            return Ok(UndoOutcome::TooLate);
        }
        let entry = audit
            .status_change(
                BookingStatus::NoShow.as_str(),
                BookingStatus::Confirmed.as_str(),
            )
            .entry(now);
        if self.store.undo_no_show(booking_id, now, &entry).await? {
            tracing::info!(booking = %booking_id, "no-show undone");
            Ok(UndoOutcome::Undone)
        } else {
            Ok(UndoOutcome::NotANoShow)
        }
    }
}
