//! Confirming a pending entry, and lapsing the pending ones past their time.

use chrono::{DateTime, Utc};
use sqlx::{Any, Transaction};

use crate::store::rows;
use crate::store::sql::{SqlStore, insert_outbox};
use crate::store::*;

impl SqlStore {
    pub(super) async fn confirm_entry(
        &self,
        id: &str,
        now: DateTime<Utc>,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<WaitlistTransition> {
        let mut tx = self.writer.begin().await?;
        // The wait counts from joining, not from the click on the e-mailed link: within
        // the confirmation window a script that clicks in 50 ms gets no place ahead of a
        // person who reads the mail twenty minutes later (SPEC §8, fair by design).
        let done = sqlx::query(
            "UPDATE waitlist_entries SET status = 'waiting', waiting_since = created_at
             WHERE id = $1 AND status = 'pending' AND expires_at > $2",
        )
        .bind(id)
        .bind(rows::millis(now))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 1 {
            insert_outbox(&mut tx, outbox, now).await?;
            tx.commit().await?;
            return Ok(WaitlistTransition::Done);
        }
        lapse_pending(&mut tx, Some(id), now).await?;
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM waitlist_entries WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(WaitlistTransition::Unchanged(
            status.ok_or(StoreError::NotFound)?,
        ))
    }

    pub(super) async fn expire_pending(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        // Usually nothing is due: a read says so without taking the writer.
        let due: Option<String> = sqlx::query_scalar(
            "SELECT id FROM waitlist_entries WHERE status = 'pending' AND expires_at <= $1 LIMIT 1",
        )
        .bind(rows::millis(now))
        .fetch_optional(&self.reader)
        .await?;
        if due.is_none() {
            return Ok(0);
        }
        let mut tx = self.writer.begin().await?;
        let lapsed = lapse_pending(&mut tx, None, now).await?;
        tx.commit().await?;
        Ok(lapsed)
    }
}

/// Lapses pending entries past their time (one, or all that are due).
async fn lapse_pending(
    tx: &mut Transaction<'_, Any>,
    id: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let due: Vec<String> = match id {
        Some(id) => {
            sqlx::query_scalar(
                "UPDATE waitlist_entries SET status = 'lapsed', closed_at = $2
                 WHERE id = $1 AND status = 'pending' AND expires_at <= $2 RETURNING id",
            )
            .bind(id)
            .bind(rows::millis(now))
            .fetch_all(&mut **tx)
            .await?
        }
        None => {
            sqlx::query_scalar(
                "UPDATE waitlist_entries SET status = 'lapsed', closed_at = $1
                 WHERE status = 'pending' AND expires_at <= $1 RETURNING id",
            )
            .bind(rows::millis(now))
            .fetch_all(&mut **tx)
            .await?
        }
    };
    for id in &due {
        sqlx::query("UPDATE waitlist_persons SET active = false WHERE entry_id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(u64::try_from(due.len()).unwrap_or(0))
}
