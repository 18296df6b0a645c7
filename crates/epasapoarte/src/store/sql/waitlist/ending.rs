//! Ending a family's waitlist entries once any of its persons takes a booking.

use chrono::{DateTime, Utc};
use sqlx::{Any, Transaction};

use crate::store::rows;
use crate::store::sql::placeholders;
use crate::store::*;

/// A family that takes any booking leaves the waitlist: ends the active entries holding
/// any of `cnp_hashes`, voids an open hold (its seats go back to the pool for the next
/// family). Called inside the transaction that seats a draw's winner (a confirmed
/// booking does the same in its own one-trip write). Returns how many entries it ended.
pub(crate) async fn end_for(
    tx: &mut Transaction<'_, Any>,
    cnp_hashes: &[Vec<u8>],
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    if cnp_hashes.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "SELECT DISTINCT entry_id FROM waitlist_persons WHERE active = true AND cnp_hash IN ({})",
        placeholders(1, cnp_hashes.len())
    );
    let mut query = sqlx::query_scalar::<_, String>(&sql);
    for hash in cnp_hashes {
        query = query.bind(hash.as_slice());
    }
    let entries = query.fetch_all(&mut **tx).await?;
    let mut ended = 0;
    for id in entries {
        let done = sqlx::query(
            "UPDATE waitlist_entries SET status = 'ended', closed_at = $2
             WHERE id = $1 AND status IN ('pending', 'waiting', 'held')",
        )
        .bind(&id)
        .bind(rows::millis(now))
        .execute(&mut **tx)
        .await?
        .rows_affected();
        sqlx::query("UPDATE waitlist_persons SET active = false WHERE entry_id = $1")
            .bind(&id)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "UPDATE hold_offers SET outcome = 'void', closed_at = $2
             WHERE waitlist_id = $1 AND outcome = 'open'",
        )
        .bind(&id)
        .bind(rows::millis(now))
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "UPDATE freed_seats SET held_for = NULL, hold_until = NULL WHERE held_for = $1",
        )
        .bind(&id)
        .execute(&mut **tx)
        .await?;
        ended += done;
    }
    Ok(ended)
}
