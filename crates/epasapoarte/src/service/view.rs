//! The citizen-facing view of one booking, reached by the token of an e-mailed link (the
//! confirm and cancel pages): where and when, whose appointment it is (names only), and per
//! person what applies to them (SPEC §2 J3, J7). The CNPs are opened only to derive each
//! person's age on the appointment date and are never copied into the view.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use epasapoarte_domain::booking::BookingStatus;
use epasapoarte_domain::passport::{self, PassportType, PersonRequirements};
use epasapoarte_domain::schedule::slot_at;

use super::{BookingService, ServiceError, ServiceResult};
use crate::ids::{BookingId, LinkToken};
use crate::store::{OfficeRecord, TokenPurpose};

/// One booking as its holder may see it.
#[derive(Debug, Clone)]
pub struct BookingView {
    /// The public reference number.
    pub id: BookingId,
    pub status: BookingStatus,
    pub office: OfficeRecord,
    pub service: PassportType,
    /// Office-local date and time of the appointment.
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Until when a pending booking may be confirmed.
    pub expires_at: DateTime<Utc>,
    pub persons: Vec<ViewPerson>,
}

/// A person of the booking: the names, and what applies to them on the appointment date.
#[derive(Debug, Clone)]
pub struct ViewPerson {
    pub last_name: String,
    pub first_name: String,
    pub needs: PersonRequirements,
}

impl BookingView {
    /// Whether the confirmation link can no longer confirm: the booking expired, or it is
    /// still pending past its deadline (the expiry job has not reached it yet).
    pub fn confirm_link_expired(&self, now: DateTime<Utc>) -> bool {
        self.status == BookingStatus::Expired
            || (self.status == BookingStatus::Pending && self.expires_at <= now)
    }

    /// Whether the appointment's time has come (a cancel link has done its job then).
    pub fn has_started(&self, now: DateTime<Utc>) -> bool {
        self.starts_at <= now
    }
}

impl BookingService {
    /// The booking a link's token points to, as a view; `NotFound` for an unknown or
    /// malformed token (and for a booking whose personal data retention has removed).
    pub async fn booking_view(
        &self,
        purpose: TokenPurpose,
        token: &LinkToken,
    ) -> ServiceResult<BookingView> {
        let record = self.booking_for_token(purpose, token).await?;
        let office = self
            .directory
            .office(record.office_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let persons = self
            .open_persons(&record)
            .context("opening a booking for its page")?
            .into_iter()
            .map(|person| ViewPerson {
                // Domicile abroad is not asked at booking; the clerk sees it at the counter.
                needs: passport::requirements(
                    record.service,
                    person.cnp.age_on(record.date),
                    false,
                ),
                last_name: person.last_name,
                first_name: person.first_name,
            })
            .collect();
        let ends_at = slot_at(&office.schedule, office.timezone, record.date, record.time)
            .map(|slot| slot.ends_at)
            .unwrap_or(record.starts_at + chrono::Duration::minutes(15));
        Ok(BookingView {
            id: record.id,
            status: record.status,
            service: record.service,
            date: record.date,
            time: record.time,
            starts_at: record.starts_at,
            ends_at,
            expires_at: record.expires_at,
            persons,
            office,
        })
    }
}
