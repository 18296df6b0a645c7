//! Holds past their time: finding them and lapsing each (seats back to the pool, the
//! family back to waiting).

use chrono::{DateTime, Utc};

use super::rows::held;
use crate::store::rows;
use crate::store::sql::{SqlStore, insert_outbox};
use crate::store::*;

impl SqlStore {
    pub(super) async fn holds_lapsing(&self, now: DateTime<Utc>) -> StoreResult<Vec<LapsingHold>> {
        type Row = (
            i64,
            String,
            Vec<u8>,
            String,
            i64,
            i64,
            i64,
            i64,
            String,
            String,
            i64,
        );
        let found: Vec<Row> = sqlx::query_as(
            "SELECT o.id, o.waitlist_id, w.email_enc, w.lang, o.seats, o.hold_until,
                    s.id, s.office_id, s.date, s.time, s.starts_at
             FROM hold_offers o JOIN waitlist_entries w ON w.id = o.waitlist_id
             JOIN slots s ON s.id = o.slot_id
             WHERE o.outcome = 'open' AND o.hold_until <= $1 ORDER BY o.hold_until, o.id",
        )
        .bind(rows::millis(now))
        .fetch_all(&self.reader)
        .await?;
        found
            .into_iter()
            .map(
                |(
                    offer_id,
                    waitlist_id,
                    email,
                    lang,
                    seats,
                    until,
                    slot,
                    office,
                    date,
                    time,
                    starts,
                )| {
                    Ok(LapsingHold {
                        offer_id,
                        waitlist_id,
                        email,
                        lang,
                        seats: held((slot, office, date, time, starts), seats, until)?,
                    })
                },
            )
            .collect()
    }

    pub(super) async fn lapse_offer(
        &self,
        offer_id: i64,
        now: DateTime<Utc>,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await?;
        let lapsed: Option<String> = sqlx::query_scalar(
            "UPDATE hold_offers SET outcome = 'lapsed', closed_at = $2
             WHERE id = $1 AND outcome = 'open' RETURNING waitlist_id",
        )
        .bind(offer_id)
        .bind(rows::millis(now))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(waitlist_id) = lapsed else {
            tx.rollback().await?;
            return Ok(false);
        };
        sqlx::query(
            "UPDATE freed_seats SET held_for = NULL, hold_until = NULL WHERE held_for = $1",
        )
        .bind(&waitlist_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE waitlist_entries SET status = 'waiting' WHERE id = $1 AND status = 'held'",
        )
        .bind(&waitlist_id)
        .execute(&mut *tx)
        .await?;
        insert_outbox(&mut tx, outbox, now).await?;
        tx.commit().await?;
        Ok(true)
    }
}
