//! The opening-day draw and the no-show cool-off, written once for both backends. The
//! draw's one transaction is claimed by a conditional UPDATE on `draws.ran_at`: only the
//! caller whose UPDATE changed the row goes on, every other one (another instance, a
//! second `draw run`) finds it taken and rolls back. The trait's methods are thin; the
//! SQL lives beside each concern (`draws/*.rs`).

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::SqlStore;
use crate::ids::{BookingId, TokenHash};
use crate::store::*;

mod confirm;
mod cooloff;
mod enter;
mod loser;
mod no_show;
mod reading;
mod rows;
mod run;
mod winner;

#[async_trait]
impl Draws for SqlStore {
    async fn open_draw(
        &self,
        date: NaiveDate,
        seed: &[u8],
        seed_sha256: &str,
        now: DateTime<Utc>,
        closes_at: DateTime<Utc>,
    ) -> StoreResult<DrawRow> {
        self.insert_draw(date, seed, seed_sha256, now, closes_at)
            .await
    }

    async fn draw(&self, date: NaiveDate) -> StoreResult<Option<DrawRow>> {
        self.read_draw(date).await
    }

    async fn draws(&self, limit: u32) -> StoreResult<Vec<DrawRow>> {
        self.read_draws(limit).await
    }

    async fn due_draws(&self, now: DateTime<Utc>) -> StoreResult<Vec<DrawRow>> {
        self.read_due_draws(now).await
    }

    async fn earliest_undrawn(&self) -> StoreResult<Option<NaiveDate>> {
        self.read_earliest_undrawn().await
    }

    async fn create_draw_entry(
        &self,
        entry: &NewDrawEntry,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(), EntryRefusal>> {
        self.enter_draw(entry, now).await
    }

    async fn draw_entry_by_token(&self, token_hash: &TokenHash) -> StoreResult<Option<String>> {
        self.draw_entry_for_token(token_hash).await
    }

    async fn confirm_draw_entry(&self, id: &str, now: DateTime<Utc>) -> StoreResult<EntryConfirm> {
        self.confirm_draw_entry_once(id, now).await
    }

    async fn lapse_draw_entries(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        self.lapse_entries(now).await
    }

    async fn draw_entry(&self, id: &str) -> StoreResult<Option<DrawEntryRecord>> {
        self.read_entry(id).await
    }

    async fn draw_entries(&self, date: NaiveDate) -> StoreResult<Vec<DrawEntryRecord>> {
        self.read_entries(date).await
    }

    async fn blocked_cnps(
        &self,
        cnp_hashes: &[Vec<u8>],
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Vec<u8>>> {
        self.find_blocked(cnp_hashes, now).await
    }

    async fn run_draw(&self, result: &DrawResult) -> StoreResult<DrawRun> {
        self.run_draw_once(result).await
    }

    async fn no_shows(&self, cnp_hashes: &[Vec<u8>]) -> StoreResult<Vec<NoShowMark>> {
        self.read_no_shows(cnp_hashes).await
    }

    async fn cooling_off_until(
        &self,
        cnp_hashes: &[Vec<u8>],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<DateTime<Utc>>> {
        self.cooling_until(cnp_hashes, now).await
    }

    async fn undo_no_show(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        audit: &NewAuditEntry,
    ) -> StoreResult<bool> {
        self.unmark_no_show(booking_id, now, audit).await
    }

    async fn mark_no_show(
        &self,
        change: &BookingMove,
        marks: &[NoShowMark],
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<TransitionOutcome> {
        self.record_no_show(change, marks, audit).await
    }
}
