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
                 RETURNING id, kind, payload, attempts, created_at"
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
             RETURNING outbox.id, outbox.kind, outbox.payload, outbox.attempts, outbox.created_at"
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
        error: &str,
        next_attempt_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE outbox SET next_attempt_at = $1, claimed_until = NULL, last_error = $2 WHERE id = $3")
            .bind(rows::millis(next_attempt_at))
            .bind(error)
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn outbox_depth(&self) -> StoreResult<OutboxDepth> {
        let (waiting, oldest): (i64, Option<i64>) =
            sqlx::query_as("SELECT count(*), min(created_at) FROM outbox WHERE sent_at IS NULL")
                .fetch_one(&self.reader)
                .await?;
        Ok(OutboxDepth {
            waiting: u64::try_from(waiting).unwrap_or(0),
            oldest_queued_at: oldest.map(rows::instant).transpose()?,
        })
    }
}
