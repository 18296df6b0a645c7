//! The delivery side of the outbox.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{Backend, SqlStore, placeholders};
use crate::store::rows;
use crate::store::*;

#[async_trait]
impl Outbox for SqlStore {
    async fn claim_outbox(
        &self,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: u32,
    ) -> StoreResult<Vec<OutboxItem>> {
        let sql = match self.backend {
            // One writer: the UPDATE … RETURNING both selects and leases, so two workers
            // (even in two processes, through the file lock) never lease the same row.
            Backend::Sqlite => {
                "UPDATE outbox SET claimed_until = $1, attempts = attempts + 1
                 WHERE id IN (SELECT id FROM outbox
                              WHERE sent_at IS NULL AND next_attempt_at <= $2
                                AND (claimed_until IS NULL OR claimed_until <= $2)
                              ORDER BY urgency, id LIMIT $3)
                 RETURNING id, kind, payload, attempts, created_at, booking_id"
            }
            // SKIP LOCKED: instances claiming at the same moment take disjoint rows.
            // MATERIALIZED: the locking pick runs once (a rescanned `IN (subquery)` may
            // pick other rows and lease more than `limit`).
            Backend::Postgres => {
                "WITH picked AS MATERIALIZED (
                 SELECT id FROM outbox
                 WHERE sent_at IS NULL AND next_attempt_at <= $2
                   AND (claimed_until IS NULL OR claimed_until <= $2)
                 ORDER BY urgency, id LIMIT $3 FOR UPDATE SKIP LOCKED
             )
             UPDATE outbox SET claimed_until = $1, attempts = attempts + 1
             FROM picked WHERE outbox.id = picked.id
             RETURNING outbox.id, outbox.kind, outbox.payload, outbox.attempts, outbox.created_at,
                       outbox.booking_id"
            }
        };
        let rows = sqlx::query(sql)
            .bind(rows::millis(now + lease))
            .bind(rows::millis(now))
            .bind(i64::from(limit))
            .fetch_all(&self.writer)
            .await?;
        let mut items = rows
            .iter()
            .map(|row| {
                Ok(OutboxItem {
                    id: row.try_get("id")?,
                    kind: row.try_get("kind")?,
                    payload: row.try_get("payload")?,
                    attempts: u32::try_from(row.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
                    created_at: rows::instant(row.try_get("created_at")?)?,
                    booking_id: row.try_get("booking_id")?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        items.sort_by_key(|item| item.id);
        Ok(items)
    }

    async fn mark_sent(&self, ids: &[i64], now: DateTime<Utc>) -> StoreResult<()> {
        if ids.is_empty() {
            return Ok(());
        }
        // One statement for the group (a claim leases at most a few dozen).
        let sql = format!(
            "UPDATE outbox SET sent_at = $1, claimed_until = NULL, last_error = NULL WHERE id IN ({})",
            placeholders(2, ids.len())
        );
        let mut query = sqlx::query(&sql).persistent(false).bind(rows::millis(now));
        for id in ids {
            query = query.bind(id);
        }
        query.execute(&self.writer).await?;
        Ok(())
    }

    async fn mark_failed(
        &self,
        id: i64,
        failure: Failure<'_>,
        next_attempt_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1, claimed_until = NULL, last_error = $2,
                               undeliverable = $3
             WHERE id = $4",
        )
        .bind(rows::millis(next_attempt_at))
        .bind(failure.error)
        .bind(failure.undeliverable)
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    async fn mark_moot(&self, ids: &[i64], reason: &str, now: DateTime<Utc>) -> StoreResult<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "UPDATE outbox SET sent_at = $1, claimed_until = NULL, last_error = $2 WHERE id IN ({})",
            placeholders(3, ids.len())
        );
        let mut query = sqlx::query(&sql)
            .persistent(false)
            .bind(rows::millis(now))
            .bind(reason);
        for id in ids {
            query = query.bind(id);
        }
        query.execute(&self.writer).await?;
        Ok(())
    }

    async fn start_confirm_windows(
        &self,
        bookings: &[BookingId],
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<(BookingId, DateTime<Utc>)>> {
        if bookings.is_empty() {
            return Ok(Vec::new());
        }
        // One statement for the claimed batch (not one write per e-mail).
        let sql = format!(
            "UPDATE bookings SET expires_at = CASE WHEN expires_at > $1 THEN expires_at ELSE $1 END
             WHERE status = 'pending' AND id IN ({})
             RETURNING id, expires_at",
            placeholders(2, bookings.len())
        );
        let mut query = sqlx::query_as::<_, (BookingId, i64)>(&sql)
            .persistent(false)
            .bind(rows::millis(until));
        for id in bookings {
            query = query.bind(id);
        }
        query
            .fetch_all(&self.writer)
            .await?
            .into_iter()
            .map(|(id, expires_at)| Ok((id, rows::instant(expires_at)?)))
            .collect()
    }

    async fn retry_waiting_for_relay(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let done = sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1
             WHERE sent_at IS NULL AND undeliverable = false AND next_attempt_at > $1",
        )
        .bind(rows::millis(now))
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected())
    }

    async fn outbox_depth(&self) -> StoreResult<OutboxDepth> {
        let (waiting, oldest, failing, undeliverable): (i64, Option<i64>, i64, i64) =
            sqlx::query_as(
                "SELECT count(*), min(created_at),
                        COALESCE(sum(CASE WHEN last_error IS NULL THEN 0 ELSE 1 END), 0),
                        COALESCE(sum(CASE WHEN undeliverable = true THEN 1 ELSE 0 END), 0)
                 FROM outbox WHERE sent_at IS NULL",
            )
            .fetch_one(&self.reader)
            .await?;
        Ok(OutboxDepth {
            waiting: u64::try_from(waiting).unwrap_or(0),
            oldest_queued_at: oldest.map(rows::instant).transpose()?,
            failing: u64::try_from(failing).unwrap_or(0),
            undeliverable: u64::try_from(undeliverable).unwrap_or(0),
        })
    }
}
