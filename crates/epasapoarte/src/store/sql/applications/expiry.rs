//! The passport-expiry reminders (issue 12): scheduled with the status move that issues
//! the passport (see `lifecycle.rs`), sent by the reminders job, unsubscribed by link.
//! The address is kept only until the reminder is sent or unsubscribed.

use chrono::{DateTime, NaiveDate, Utc};

use crate::ids::TokenHash;
use crate::store::rows;
use crate::store::sql::{SqlStore, insert_outbox};
use crate::store::*;

impl SqlStore {
    pub(super) async fn reminders_due_by(
        &self,
        today: NaiveDate,
        limit: u32,
    ) -> StoreResult<Vec<ExpiryReminderRecord>> {
        let due: Vec<(i64, Vec<u8>, String, String)> = sqlx::query_as(
            "SELECT application_id, email_enc, lang, expires_on FROM expiry_reminders
             WHERE remind_on <= $1 AND sent_at IS NULL AND unsubscribed_at IS NULL
             ORDER BY remind_on, application_id LIMIT $2",
        )
        .bind(rows::date_text(today))
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await?;
        due.into_iter()
            .map(|(application_id, email, lang, expires_on)| {
                Ok(ExpiryReminderRecord {
                    application_id,
                    email,
                    lang,
                    expires_on: rows::date(&expires_on)?,
                })
            })
            .collect()
    }

    pub(super) async fn queue_expiry(
        &self,
        application_id: i64,
        now: DateTime<Utc>,
        unsubscribe_hash: &TokenHash,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await?;
        let marked = sqlx::query(
            "UPDATE expiry_reminders SET sent_at = $1, email_enc = $2, unsubscribe_hash = $3
             WHERE application_id = $4 AND sent_at IS NULL AND unsubscribed_at IS NULL",
        )
        .bind(rows::millis(now))
        .bind(Vec::<u8>::new())
        .bind(unsubscribe_hash)
        .bind(application_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !marked {
            return Ok(false);
        }
        insert_outbox(&mut tx, outbox, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    pub(super) async fn expiry_by_token(
        &self,
        unsubscribe_hash: &TokenHash,
    ) -> StoreResult<Option<ExpiryReminderState>> {
        let found: Option<(String, String, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT expires_on, remind_on, sent_at, unsubscribed_at FROM expiry_reminders
             WHERE unsubscribe_hash = $1",
        )
        .bind(unsubscribe_hash)
        .fetch_optional(&self.writer)
        .await?;
        found
            .map(|(expires_on, remind_on, sent, unsubscribed)| {
                Ok(ExpiryReminderState {
                    expires_on: rows::date(&expires_on)?,
                    remind_on: rows::date(&remind_on)?,
                    sent: sent.is_some(),
                    unsubscribed: unsubscribed.is_some(),
                })
            })
            .transpose()
    }

    pub(super) async fn unsubscribe_expiry(
        &self,
        unsubscribe_hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE expiry_reminders SET unsubscribed_at = COALESCE(unsubscribed_at, $1), email_enc = $2
             WHERE unsubscribe_hash = $3",
        )
        .bind(rows::millis(now))
        .bind(Vec::<u8>::new())
        .bind(unsubscribe_hash)
        .execute(&self.writer)
        .await?
        .rows_affected();
        Ok(done == 1)
    }
}
