//! A draw's losers: status `lost`, a place on the waitlist for those who asked for it,
//! and their e-mails.
//!
//! Written in sets of [`CHUNK`], a few statements each, not row by row: a second-day draw
//! of ~8,000 entries made five round trips per loser and held SQLite's single writer for
//! 20 s (measured in the fairness simulation: every request waiting behind it timed out).

use chrono::{DateTime, Utc};
use sqlx::{Any, Transaction};

use crate::store::rows;
use crate::store::sql::{insert_outbox_rows, placeholders, value_rows};
use crate::store::*;

/// Losers per statement (at most 4 parameters each: far below either backend's limit).
const CHUNK: usize = 200;

pub(super) async fn record_losers(
    tx: &mut Transaction<'_, Any>,
    losers: &[DrawLoser],
    ran_at: DateTime<Utc>,
) -> StoreResult<()> {
    for chunk in losers.chunks(CHUNK) {
        mark_lost(tx, chunk).await?;
        let places: Vec<(&str, &WaitlistPlace)> = chunk
            .iter()
            .filter_map(|l| l.waitlist.as_ref().map(|p| (l.entry_id.as_str(), p)))
            .collect();
        if !places.is_empty() {
            waitlist_losers(tx, &places, rows::millis(ran_at)).await?;
        }
        let messages: Vec<&NewOutboxMessage> = chunk.iter().map(|l| &l.outbox).collect();
        insert_outbox_rows(tx, &messages, ran_at).await?;
    }
    Ok(())
}

async fn mark_lost(tx: &mut Transaction<'_, Any>, chunk: &[DrawLoser]) -> StoreResult<()> {
    let sql = format!(
        "UPDATE draw_entries SET status = 'lost' WHERE status = 'confirmed' AND id IN ({})",
        placeholders(1, chunk.len())
    );
    let mut query = sqlx::query(&sql);
    for loser in chunk {
        query = query.bind(&loser.entry_id);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// Each losing entry's place on the waitlist, waiting from the draw on — unless one of its
/// CNPs is already waiting (a family is on one waitlist entry at a time). The CNPs of one
/// draw's entries are distinct, so the entries of a set cannot collide with each other.
async fn waitlist_losers(
    tx: &mut Transaction<'_, Any>,
    places: &[(&str, &WaitlistPlace)],
    now: i64,
) -> StoreResult<()> {
    // (place id, entry id, from, to); `VALUES` columns are column1… on both backends.
    let sql = format!(
        "INSERT INTO waitlist_entries (id, status, service, persons, office_1, office_2, office_3,
             date_from, date_to, created_at, expires_at, waiting_since, email_hash, email_enc,
             phone_enc, consent_at, consent_policy, lang)
         SELECT v.column1, 'waiting', d.service, d.persons, d.office_1, d.office_2, d.office_3,
             v.column3, v.column4, $1, $1, $1, d.email_hash, d.email_enc, d.phone_enc,
             d.consent_at, d.consent_policy, d.lang
         FROM (VALUES {}) AS v JOIN draw_entries d ON d.id = v.column2
         WHERE NOT EXISTS (SELECT 1 FROM draw_entry_persons p
                           JOIN waitlist_persons w ON w.cnp_hash = p.cnp_hash AND w.active = true
                           WHERE p.entry_id = d.id)",
        value_rows(2, places.len(), 4)
    );
    let mut query = sqlx::query(&sql).bind(now);
    for (entry_id, place) in places {
        query = query
            .bind(place.id.as_str())
            .bind(*entry_id)
            .bind(rows::date_text(place.date_from))
            .bind(rows::date_text(place.date_to));
    }
    query.execute(&mut **tx).await?;
    // The persons of the places just made (a place skipped above has no row to join).
    let sql = format!(
        "INSERT INTO waitlist_persons (entry_id, position, last_name_enc, first_name_enc, cnp_enc,
             cnp_hash, active)
         SELECT e.id, p.position, p.last_name_enc, p.first_name_enc, p.cnp_enc, p.cnp_hash, true
         FROM (VALUES {}) AS v
         JOIN waitlist_entries e ON e.id = v.column1
         JOIN draw_entry_persons p ON p.entry_id = v.column2",
        value_rows(1, places.len(), 2)
    );
    let mut query = sqlx::query(&sql);
    for (entry_id, place) in places {
        query = query.bind(place.id.as_str()).bind(*entry_id);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}
