//! Finding an entry by its confirm token and a hold offer by its take token.

use super::rows::{ENTRY_COLUMNS, EntryRow, SlotRow, entry, held};
use crate::ids::TokenHash;
use crate::store::sql::SqlStore;
use crate::store::*;

impl SqlStore {
    pub(super) async fn entry_by_token(
        &self,
        token_hash: &TokenHash,
    ) -> StoreResult<Option<WaitlistRecord>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM fair_tokens t JOIN waitlist_entries w ON w.id = t.subject
             WHERE t.hash = $1 AND t.purpose = 'waitlist_confirm'"
        );
        let row: Option<EntryRow> = sqlx::query_as(&sql)
            .bind(token_hash)
            .fetch_optional(&self.reader)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let persons = self.sealed_persons(&self.reader, &row.0).await?;
        entry(row, persons).map(Some)
    }

    pub(super) async fn offer_by_token(
        &self,
        token_hash: &TokenHash,
    ) -> StoreResult<Option<HoldOffer>> {
        let subject: Option<String> = sqlx::query_scalar(
            "SELECT subject FROM fair_tokens WHERE hash = $1 AND purpose = 'hold_take'",
        )
        .bind(token_hash)
        .fetch_optional(&self.reader)
        .await?;
        let Some(offer_id) = subject.and_then(|s| s.parse::<i64>().ok()) else {
            return Ok(None);
        };
        let found: Option<(i64, String, i64, i64, String)> = sqlx::query_as(
            "SELECT id, outcome, seats, hold_until, waitlist_id FROM hold_offers WHERE id = $1",
        )
        .bind(offer_id)
        .fetch_optional(&self.reader)
        .await?;
        let Some((offer_id, outcome, seats, hold_until, waitlist_id)) = found else {
            return Ok(None);
        };
        let slot: SlotRow = sqlx::query_as(
            "SELECT s.id, s.office_id, s.date, s.time, s.starts_at FROM hold_offers o
             JOIN slots s ON s.id = o.slot_id WHERE o.id = $1",
        )
        .bind(offer_id)
        .fetch_one(&self.reader)
        .await?;
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM waitlist_entries w WHERE w.id = $1");
        let row: EntryRow = sqlx::query_as(&sql)
            .bind(&waitlist_id)
            .fetch_one(&self.reader)
            .await?;
        let persons = self.sealed_persons(&self.reader, &waitlist_id).await?;
        Ok(Some(HoldOffer {
            offer_id,
            outcome,
            seats: held(slot, seats, hold_until)?,
            entry: entry(row, persons)?,
        }))
    }
}
