//! Finding applications, their history, and moving their status (compare-and-set
//! on the status: the row lock makes exactly one of two racing moves win; the event and
//! the citizen's e-mail in the same transaction).

use epasapoarte_domain::application::{ApplicationNumber, ApplicationStatus};
use sqlx::Row;

use crate::ids::BookingId;
use crate::store::applications::rows::{self as app_rows, APPLICATION_COLUMNS, wide};
use crate::store::sql::staff::audit_change;
use crate::store::sql::{SqlStore, insert_outbox};
use crate::store::*;

impl SqlStore {
    pub(super) async fn by_number(
        &self,
        number: &ApplicationNumber,
    ) -> StoreResult<Option<ApplicationRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {APPLICATION_COLUMNS} FROM applications WHERE number = $1"
        ))
        .bind(number.to_string())
        .fetch_optional(&self.reader)
        .await?;
        row.as_ref().map(app_rows::application).transpose()
    }

    pub(super) async fn by_cnp(&self, cnp_hash: &[u8]) -> StoreResult<Vec<ApplicationRecord>> {
        sqlx::query(&format!(
            "SELECT {APPLICATION_COLUMNS} FROM applications WHERE cnp_hash = $1
             ORDER BY created_at DESC, id DESC"
        ))
        .bind(cnp_hash)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(app_rows::application)
        .collect()
    }

    pub(super) async fn by_last9(&self, hash: &[u8]) -> StoreResult<Option<ApplicationRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {APPLICATION_COLUMNS} FROM applications WHERE cnp_last9_hash = $1
             ORDER BY created_at DESC, id DESC LIMIT 1"
        ))
        .bind(hash)
        .fetch_optional(&self.reader)
        .await?;
        row.as_ref().map(app_rows::application).transpose()
    }

    pub(super) async fn events(&self, application_id: i64) -> StoreResult<Vec<ApplicationEvent>> {
        sqlx::query(
            "SELECT at, from_status, to_status, actor, reason FROM application_events
             WHERE application_id = $1 ORDER BY id",
        )
        .bind(application_id)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(app_rows::event)
        .collect()
    }

    pub(super) async fn move_status(
        &self,
        change: &StatusChange,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<MoveOutcome> {
        let number = change.number.to_string();
        let rejection = (change.to == ApplicationStatus::Rejected)
            .then_some(change.reason.as_deref())
            .flatten();
        let mut tx = self.writer.begin().await?;
        let moved: Option<i64> = sqlx::query_scalar(
            "UPDATE applications SET status = $1, rejection_reason = $2, updated_at = $3
             WHERE number = $4 AND status = $5 RETURNING id",
        )
        .bind(change.to.as_str())
        .bind(rejection)
        .bind(rows::millis(change.now))
        .bind(&number)
        .bind(change.from.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = moved else {
            let status: Option<String> =
                sqlx::query_scalar("SELECT status FROM applications WHERE number = $1")
                    .bind(&number)
                    .fetch_optional(&mut *tx)
                    .await?;
            let status = status.ok_or(StoreError::NotFound)?;
            return Ok(MoveOutcome::Unchanged(app_rows::status(&status)?));
        };
        sqlx::query(
            "INSERT INTO application_events (application_id, at, from_status, to_status, actor, reason)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(rows::millis(change.now))
        .bind(change.from.as_str())
        .bind(change.to.as_str())
        .bind(&change.actor)
        .bind(&change.reason)
        .execute(&mut *tx)
        .await?;
        if let Some(message) = &change.outbox {
            insert_outbox(&mut tx, message, change.now).await?;
        }
        if let Some(reminder) = &change.expiry_reminder {
            sqlx::query(
                "INSERT INTO expiry_reminders (application_id, email_enc, lang, expires_on,
                     remind_on, unsubscribe_hash, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (application_id) DO NOTHING",
            )
            .bind(id)
            .bind(&reminder.email)
            .bind(&reminder.lang)
            .bind(rows::date_text(reminder.expires_on))
            .bind(rows::date_text(reminder.remind_on))
            .bind(&reminder.unsubscribe_hash)
            .bind(rows::millis(change.now))
            .execute(&mut *tx)
            .await?;
        }
        audit_change(self.backend, &mut tx, audit, None).await?;
        tx.commit().await?;
        Ok(MoveOutcome::Moved)
    }

    pub(super) async fn person_of_booking(
        &self,
        booking_id: &BookingId,
        position: u32,
    ) -> StoreResult<Option<BookedPerson>> {
        let row = sqlx::query(
            "SELECT b.office_id, b.service, b.status, b.email_enc, b.lang,
                    p.last_name_enc, p.first_name_enc, p.cnp_enc, p.cnp_hash
             FROM bookings b JOIN booking_persons p ON p.booking_id = b.id
             WHERE b.id = $1 AND p.position = $2 AND b.purged_at IS NULL",
        )
        .bind(booking_id)
        .bind(wide(position))
        .fetch_optional(&self.reader)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let service: String = row.try_get("service")?;
        let status: String = row.try_get("status")?;
        Ok(Some(BookedPerson {
            office_id: row.try_get("office_id")?,
            service: service
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("service {service:?}")))?,
            status: status
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("booking status {status:?}")))?,
            email: row.try_get("email_enc")?,
            lang: row.try_get("lang")?,
            last_name: row.try_get("last_name_enc")?,
            first_name: row.try_get("first_name_enc")?,
            cnp: row.try_get("cnp_enc")?,
            cnp_hash: row.try_get("cnp_hash")?,
        }))
    }
}
