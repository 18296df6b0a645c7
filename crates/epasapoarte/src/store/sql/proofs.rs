//! The proof of work's replay store and daily counts: the same SQL on both backends.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::SqlStore;
use crate::store::proofs::Proofs;
use crate::store::{StoreResult, rows};

#[async_trait]
impl Proofs for SqlStore {
    async fn spend_proof(&self, hash: &[u8], expires_at: DateTime<Utc>) -> StoreResult<bool> {
        let inserted = sqlx::query(
            "INSERT INTO pow_spent (hash, expires_at) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING",
        )
        .bind(hash.to_vec())
        .bind(rows::millis(expires_at))
        .execute(&self.writer)
        .await?
        .rows_affected();
        Ok(inserted == 1)
    }

    async fn purge_spent_proofs(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let deleted = sqlx::query("DELETE FROM pow_spent WHERE expires_at <= $1")
            .bind(rows::millis(now))
            .execute(&self.writer)
            .await?
            .rows_affected();
        Ok(deleted)
    }

    async fn add_challenge_counts(
        &self,
        day: NaiveDate,
        issued: u64,
        rejected: u64,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO pow_counts (day, issued, rejected) VALUES ($1, $2, $3)
             ON CONFLICT (day) DO UPDATE
             SET issued = pow_counts.issued + excluded.issued,
                 rejected = pow_counts.rejected + excluded.rejected",
        )
        .bind(day.to_string())
        .bind(i64::try_from(issued).unwrap_or(i64::MAX))
        .bind(i64::try_from(rejected).unwrap_or(i64::MAX))
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    async fn challenge_counts(&self, since: NaiveDate) -> StoreResult<(u64, u64)> {
        let (issued, rejected): (Option<i64>, Option<i64>) = sqlx::query_as(
            "SELECT CAST(SUM(issued) AS BIGINT), CAST(SUM(rejected) AS BIGINT)
             FROM pow_counts WHERE day >= $1",
        )
        .bind(since.to_string())
        .fetch_one(&self.reader)
        .await?;
        let count = |n: Option<i64>| u64::try_from(n.unwrap_or(0)).unwrap_or(0);
        Ok((count(issued), count(rejected)))
    }
}
