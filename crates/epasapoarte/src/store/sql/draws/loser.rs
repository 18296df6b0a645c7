//! A draw's loser who asked for it: a place on the waitlist.

use sqlx::{Any, Transaction};

use crate::store::rows;
use crate::store::*;

/// A losing entry's place on the waitlist, waiting from the draw on (unless one of its
/// CNPs is already waiting: a family is on one waitlist entry at a time).
pub(super) async fn waitlist_loser(
    tx: &mut Transaction<'_, Any>,
    entry_id: &str,
    place: &WaitlistPlace,
    now: i64,
) -> StoreResult<()> {
    let waiting: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM waitlist_persons w JOIN draw_entry_persons d ON d.cnp_hash = w.cnp_hash
         WHERE d.entry_id = $1 AND w.active = true",
    )
    .bind(entry_id)
    .fetch_one(&mut **tx)
    .await?;
    if waiting > 0 {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO waitlist_entries (id, status, service, persons, office_1, office_2, office_3,
             date_from, date_to, created_at, expires_at, waiting_since, email_hash, email_enc,
             phone_enc, consent_at, consent_policy, lang)
         SELECT $1, 'waiting', service, persons, office_1, office_2, office_3, $2, $3, $4, $4, $4,
             email_hash, email_enc, phone_enc, consent_at, consent_policy, lang
         FROM draw_entries WHERE id = $5",
    )
    .bind(&place.id)
    .bind(rows::date_text(place.date_from))
    .bind(rows::date_text(place.date_to))
    .bind(now)
    .bind(entry_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO waitlist_persons (entry_id, position, last_name_enc, first_name_enc, cnp_enc,
             cnp_hash, active)
         SELECT $1, position, last_name_enc, first_name_enc, cnp_enc, cnp_hash, true
         FROM draw_entry_persons WHERE entry_id = $2",
    )
    .bind(&place.id)
    .bind(entry_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
