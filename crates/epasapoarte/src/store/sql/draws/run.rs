//! Running the draw: the one transaction, claimed by a conditional UPDATE on
//! `draws.ran_at`, that seats the winners and waitlists the losers.

use super::loser::record_losers;
use super::winner::seat_winner;
use crate::store::rows;
use crate::store::sql::SqlStore;
use crate::store::*;

impl SqlStore {
    pub(super) async fn run_draw_once(&self, result: &DrawResult) -> StoreResult<DrawRun> {
        match run_draw_in(self, result).await {
            Err(StoreError::SlotFull | StoreError::CnpAlreadyBooked) => Ok(DrawRun::Stale),
            other => other,
        }
    }
}

/// The draw's one transaction. `SlotFull`/`CnpAlreadyBooked` roll everything back.
async fn run_draw_in(store: &SqlStore, result: &DrawResult) -> StoreResult<DrawRun> {
    let now = rows::millis(result.ran_at);
    let date = rows::date_text(result.draw_date);
    let mut tx = store.writer.begin().await?;
    let claimed = sqlx::query(
        "UPDATE draws SET ran_at = $1, entries = $2, seats = $3, winners = $4
         WHERE draw_date = $5 AND ran_at IS NULL",
    )
    .bind(now)
    .bind(i64::from(result.entries))
    .bind(i64::from(result.seats))
    .bind(i64::try_from(result.winners.len()).unwrap_or(i64::MAX))
    .bind(&date)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Ok(DrawRun::AlreadyRan);
    }
    // Entries never confirmed take no part.
    sqlx::query(
        "UPDATE draw_entry_persons SET active = false
         WHERE entry_id IN (SELECT id FROM draw_entries WHERE draw_date = $1 AND status = 'pending')",
    )
    .bind(&date)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE draw_entries SET status = 'lapsed' WHERE draw_date = $1 AND status = 'pending'",
    )
    .bind(&date)
    .execute(&mut *tx)
    .await?;
    for winner in &result.winners {
        seat_winner(store, &mut tx, result, winner).await?;
    }
    record_losers(&mut tx, &result.losers, result.ran_at).await?;
    tx.commit().await?;
    Ok(DrawRun::Ran)
}
