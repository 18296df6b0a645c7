//! Opening a draw and reading draws and their entries back.

use chrono::{DateTime, NaiveDate, Utc};

use super::rows::{DRAW_COLUMNS, ENTRY_COLUMNS, draw_row, entry_row};
use crate::store::rows;
use crate::store::sql::SqlStore;
use crate::store::*;

impl SqlStore {
    pub(super) async fn insert_draw(
        &self,
        date: NaiveDate,
        seed: &[u8],
        seed_sha256: &str,
        now: DateTime<Utc>,
        closes_at: DateTime<Utc>,
    ) -> StoreResult<DrawRow> {
        sqlx::query(
            "INSERT INTO draws (draw_date, seed, seed_sha256, opened_at, closes_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (draw_date) DO NOTHING",
        )
        .bind(rows::date_text(date))
        .bind(seed)
        .bind(seed_sha256)
        .bind(rows::millis(now))
        .bind(rows::millis(closes_at))
        .execute(&self.writer)
        .await?;
        let row = sqlx::query(&format!(
            "SELECT {DRAW_COLUMNS} FROM draws WHERE draw_date = $1"
        ))
        .bind(rows::date_text(date))
        .fetch_one(&self.writer)
        .await?;
        draw_row(&row)
    }

    pub(super) async fn read_draw(&self, date: NaiveDate) -> StoreResult<Option<DrawRow>> {
        let row = sqlx::query(&format!(
            "SELECT {DRAW_COLUMNS} FROM draws WHERE draw_date = $1"
        ))
        .bind(rows::date_text(date))
        .fetch_optional(&self.reader)
        .await?;
        row.as_ref().map(draw_row).transpose()
    }

    pub(super) async fn read_draws(&self, limit: u32) -> StoreResult<Vec<DrawRow>> {
        let found = sqlx::query(&format!(
            "SELECT {DRAW_COLUMNS} FROM draws ORDER BY draw_date DESC LIMIT $1"
        ))
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await?;
        found.iter().map(draw_row).collect()
    }

    pub(super) async fn read_due_draws(&self, now: DateTime<Utc>) -> StoreResult<Vec<DrawRow>> {
        let found = sqlx::query(&format!(
            "SELECT {DRAW_COLUMNS} FROM draws WHERE ran_at IS NULL AND closes_at <= $1
             ORDER BY draw_date"
        ))
        .bind(rows::millis(now))
        .fetch_all(&self.writer)
        .await?;
        found.iter().map(draw_row).collect()
    }

    pub(super) async fn read_earliest_undrawn(&self) -> StoreResult<Option<NaiveDate>> {
        let date: Option<String> =
            sqlx::query_scalar("SELECT min(draw_date) FROM draws WHERE ran_at IS NULL")
                .fetch_one(&self.writer)
                .await?;
        date.as_deref().map(rows::date).transpose()
    }

    pub(super) async fn read_entry(&self, id: &str) -> StoreResult<Option<DrawEntryRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {ENTRY_COLUMNS} FROM draw_entries WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.writer)
        .await?;
        let Some(entry) = row.as_ref().map(entry_row).transpose()? else {
            return Ok(None);
        };
        Ok(self.with_persons(vec![entry]).await?.pop())
    }

    pub(super) async fn read_entries(&self, date: NaiveDate) -> StoreResult<Vec<DrawEntryRecord>> {
        let found = sqlx::query(&format!(
            "SELECT {ENTRY_COLUMNS} FROM draw_entries WHERE draw_date = $1 ORDER BY id"
        ))
        .bind(rows::date_text(date))
        .fetch_all(&self.writer)
        .await?;
        let entries = found.iter().map(entry_row).collect::<StoreResult<_>>()?;
        self.with_persons(entries).await
    }
}
