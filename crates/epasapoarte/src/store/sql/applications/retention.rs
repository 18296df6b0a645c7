//! Retention of applications (issue 12): once an application has ended — handed over,
//! shipped or rejected — and `EPAS_APPLICATION_RETENTION_DAYS` have passed, its personal
//! data goes; the row stays, anonymous, for the reports' counts and the public status by
//! number. The same SQL on both backends, in one statement.

use chrono::{DateTime, Utc};

use crate::store::rows;
use crate::store::sql::SqlStore;
use crate::store::*;

impl SqlStore {
    pub(super) async fn purge_ended(
        &self,
        before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<u64> {
        // Sealed fields that may not be NULL become empty (nothing to open, nothing to
        // match: an empty hash is no keyed hash of any CNP); a courier address stays
        // non-NULL while `courier` says there was one, as the table's check wants.
        let purged = sqlx::query(
            "UPDATE applications SET cnp_enc = $3, cnp_hash = $3, cnp_last9_hash = $3,
                 last_name_enc = $3, first_name_enc = $3, email_enc = NULL,
                 courier_address_enc = CASE WHEN courier_address_enc IS NULL THEN NULL ELSE $3 END,
                 purged_at = $2
             WHERE purged_at IS NULL AND status IN ('handed_over', 'shipped', 'rejected')
               AND updated_at < $1",
        )
        .bind(rows::millis(before))
        .bind(rows::millis(now))
        .bind(Vec::<u8>::new())
        .execute(&self.writer)
        .await?
        .rows_affected();
        Ok(purged)
    }
}
