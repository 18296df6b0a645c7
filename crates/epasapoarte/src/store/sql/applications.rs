//! Passport applications, API tokens and restrictions. The trait's methods are thin;
//! the SQL lives beside each area (`applications/*.rs`), each write in one transaction.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use epasapoarte_domain::application::ApplicationNumber;

use super::SqlStore;
use crate::ids::{BookingId, TokenHash};
use crate::store::*;

mod expiry;
mod lifecycle;
mod register;
mod registry;
mod retention;

#[async_trait]
impl Applications for SqlStore {
    async fn register_application(
        &self,
        new: &NewApplication,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<Registration> {
        self.register(new, audit).await
    }

    async fn application_by_number(
        &self,
        number: &ApplicationNumber,
    ) -> StoreResult<Option<ApplicationRecord>> {
        self.by_number(number).await
    }

    async fn applications_by_cnp(&self, cnp_hash: &[u8]) -> StoreResult<Vec<ApplicationRecord>> {
        self.by_cnp(cnp_hash).await
    }

    async fn application_by_last9(
        &self,
        cnp_last9_hash: &[u8],
    ) -> StoreResult<Option<ApplicationRecord>> {
        self.by_last9(cnp_last9_hash).await
    }

    async fn application_events(&self, application_id: i64) -> StoreResult<Vec<ApplicationEvent>> {
        self.events(application_id).await
    }

    async fn expiry_reminders_due(
        &self,
        today: NaiveDate,
        limit: u32,
    ) -> StoreResult<Vec<ExpiryReminderRecord>> {
        self.reminders_due_by(today, limit).await
    }

    async fn queue_expiry_reminder(
        &self,
        application_id: i64,
        now: DateTime<Utc>,
        unsubscribe_hash: &TokenHash,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<bool> {
        self.queue_expiry(application_id, now, unsubscribe_hash, outbox)
            .await
    }

    async fn expiry_reminder_by_token(
        &self,
        unsubscribe_hash: &TokenHash,
    ) -> StoreResult<Option<ExpiryReminderState>> {
        self.expiry_by_token(unsubscribe_hash).await
    }

    async fn unsubscribe_expiry_reminder(
        &self,
        unsubscribe_hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        self.unsubscribe_expiry(unsubscribe_hash, now).await
    }

    async fn move_application(
        &self,
        change: &StatusChange,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<MoveOutcome> {
        self.move_status(change, audit).await
    }

    async fn purge_applications(
        &self,
        before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<u64> {
        self.purge_ended(before, now).await
    }

    async fn booked_person(
        &self,
        booking_id: &BookingId,
        position: u32,
    ) -> StoreResult<Option<BookedPerson>> {
        self.person_of_booking(booking_id, position).await
    }

    async fn add_api_token(
        &self,
        name: &str,
        token_hash: &TokenHash,
        now: DateTime<Utc>,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<Option<i64>> {
        self.insert_token(name, token_hash, now, audit).await
    }

    async fn api_token_by_hash(
        &self,
        token_hash: &TokenHash,
    ) -> StoreResult<Option<ApiTokenRecord>> {
        self.token_by_hash(token_hash).await
    }

    async fn api_tokens(&self) -> StoreResult<Vec<ApiTokenRecord>> {
        self.all_tokens().await
    }

    async fn revoke_api_token(
        &self,
        name: &str,
        now: DateTime<Utc>,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<bool> {
        self.revoke_token(name, now, audit).await
    }

    async fn add_restriction(
        &self,
        new: &NewRestriction,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<i64> {
        self.insert_restriction(new, audit).await
    }

    async fn lift_restriction(
        &self,
        id: i64,
        by: &str,
        now: DateTime<Utc>,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<bool> {
        self.lift(id, by, now, audit).await
    }

    async fn active_restriction(
        &self,
        cnp_hash: &[u8],
        on: NaiveDate,
    ) -> StoreResult<Option<RestrictionRecord>> {
        registry::restriction_in_force(&self.reader, cnp_hash, on).await
    }

    async fn restrictions(&self) -> StoreResult<Vec<RestrictionRecord>> {
        self.all_restrictions().await
    }
}
