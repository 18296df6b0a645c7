//! Confirming a draw entry by its token, and lapsing entries never confirmed in time.

use chrono::{DateTime, Utc};
use sqlx::{Any, Transaction};

use crate::ids::TokenHash;
use crate::store::rows;
use crate::store::sql::SqlStore;
use crate::store::*;

impl SqlStore {
    pub(super) async fn draw_entry_for_token(
        &self,
        token_hash: &TokenHash,
    ) -> StoreResult<Option<String>> {
        Ok(sqlx::query_scalar(
            "SELECT subject FROM fair_tokens WHERE hash = $1 AND purpose = 'draw_confirm'",
        )
        .bind(token_hash)
        .fetch_optional(&self.writer)
        .await?)
    }

    pub(super) async fn confirm_draw_entry_once(
        &self,
        id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<EntryConfirm> {
        let now_ms = rows::millis(now);
        let mut tx = self.writer.begin().await?;
        let confirmed = sqlx::query(
            "UPDATE draw_entries SET status = 'confirmed', confirmed_at = $1
             WHERE id = $2 AND status = 'pending' AND expires_at > $1",
        )
        .bind(now_ms)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if confirmed.rows_affected() == 1 {
            tx.commit().await?;
            return Ok(EntryConfirm::Confirmed(id.to_owned()));
        }
        if lapse(&mut tx, Some(id), now_ms).await? > 0 {
            tx.commit().await?;
            return Ok(EntryConfirm::Lapsed(id.to_owned()));
        }
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM draw_entries WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        tx.commit().await?;
        let status = status.ok_or(StoreError::NotFound)?;
        Ok(EntryConfirm::Unchanged(id.to_owned(), status))
    }

    pub(super) async fn lapse_entries(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let mut tx = self.writer.begin().await?;
        let lapsed = lapse(&mut tx, None, rows::millis(now)).await?;
        tx.commit().await?;
        Ok(lapsed)
    }
}

/// Lapses pending entries past their time (one, or all), freeing their CNPs.
async fn lapse(tx: &mut Transaction<'_, Any>, id: Option<&str>, now: i64) -> StoreResult<u64> {
    let due: Vec<String> = sqlx::query_scalar(
        "UPDATE draw_entries SET status = 'lapsed'
         WHERE status = 'pending' AND expires_at <= $1 AND ($2 IS NULL OR id = $2)
         RETURNING id",
    )
    .bind(now)
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    for entry in &due {
        sqlx::query("UPDATE draw_entry_persons SET active = false WHERE entry_id = $1")
            .bind(entry)
            .execute(&mut **tx)
            .await?;
    }
    Ok(due.len() as u64)
}
