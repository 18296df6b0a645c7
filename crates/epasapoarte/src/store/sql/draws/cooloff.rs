//! The cool-off after a no-show and the CNPs that may not enter or win: cooling off, or
//! already holding a booking.

use chrono::{DateTime, Utc};
use sqlx::{Any, Transaction};

use crate::store::rows;
use crate::store::sql::{SqlStore, placeholders};
use crate::store::*;

/// How many of `hashes` match `sql_head` (which takes `$1` = now when `now` is given,
/// then the hashes).
pub(super) async fn count_matching(
    tx: &mut Transaction<'_, Any>,
    sql_head: &str,
    hashes: &[&[u8]],
    now: Option<i64>,
) -> StoreResult<i64> {
    let first = if now.is_some() { 2 } else { 1 };
    let sql = format!("{sql_head} ({})", placeholders(first, hashes.len()));
    let mut query = sqlx::query_scalar::<_, i64>(&sql);
    if let Some(now) = now {
        query = query.bind(now);
    }
    for hash in hashes {
        query = query.bind(*hash);
    }
    Ok(query.fetch_one(&mut **tx).await?)
}

pub(super) const HOLDING: &str =
    "SELECT count(*) FROM booking_persons WHERE holds = true AND cnp_hash IN";
pub(super) const COOLING: &str =
    "SELECT count(*) FROM no_shows WHERE undone_at IS NULL AND blocked_until > $1 AND cnp_hash IN";

impl SqlStore {
    pub(super) async fn find_blocked(
        &self,
        cnp_hashes: &[Vec<u8>],
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Vec<u8>>> {
        let mut blocked = Vec::new();
        for chunk in cnp_hashes.chunks(500) {
            let n = chunk.len();
            let sql = format!(
                "SELECT cnp_hash FROM no_shows
                 WHERE undone_at IS NULL AND blocked_until > $1 AND cnp_hash IN ({})
                 UNION SELECT cnp_hash FROM booking_persons WHERE holds = true AND cnp_hash IN ({})",
                placeholders(2, n),
                placeholders(2 + n, n)
            );
            let mut query = sqlx::query_scalar::<_, Vec<u8>>(&sql).bind(rows::millis(now));
            for hash in chunk.iter().chain(chunk) {
                query = query.bind(hash);
            }
            blocked.extend(query.fetch_all(&self.writer).await?);
        }
        Ok(blocked)
    }

    pub(super) async fn read_no_shows(
        &self,
        cnp_hashes: &[Vec<u8>],
    ) -> StoreResult<Vec<NoShowMark>> {
        if cnp_hashes.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT cnp_hash, marked_at, blocked_until FROM no_shows
             WHERE undone_at IS NULL AND cnp_hash IN ({})",
            placeholders(1, cnp_hashes.len())
        );
        let mut query = sqlx::query_as::<_, (Vec<u8>, i64, i64)>(&sql);
        for hash in cnp_hashes {
            query = query.bind(hash);
        }
        query
            .fetch_all(&self.writer)
            .await?
            .into_iter()
            .map(|(cnp_hash, marked, until)| {
                Ok(NoShowMark {
                    cnp_hash,
                    marked_at: rows::instant(marked)?,
                    blocked_until: rows::instant(until)?,
                })
            })
            .collect()
    }

    pub(in crate::store::sql) async fn cooling_until(
        &self,
        cnp_hashes: &[Vec<u8>],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<DateTime<Utc>>> {
        if cnp_hashes.is_empty() {
            return Ok(None);
        }
        let sql = format!(
            "SELECT max(blocked_until) FROM no_shows
             WHERE undone_at IS NULL AND blocked_until > $1 AND cnp_hash IN ({})",
            placeholders(2, cnp_hashes.len())
        );
        let mut query = sqlx::query_scalar::<_, Option<i64>>(&sql).bind(rows::millis(now));
        for hash in cnp_hashes {
            query = query.bind(hash);
        }
        let until = query.fetch_one(&self.reader).await?;
        until.map(rows::instant).transpose()
    }
}
