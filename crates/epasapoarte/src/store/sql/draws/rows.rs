//! Row decoding for draws and their entries, and the persons filled in beside each entry.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::ids::{BookingId, OfficeId};
use crate::store::rows;
use crate::store::sql::{SqlStore, placeholders};
use crate::store::*;

pub(super) const DRAW_COLUMNS: &str =
    "draw_date, seed, seed_sha256, opened_at, closes_at, ran_at, entries, seats, winners";

pub(super) fn draw_row(row: &AnyRow) -> StoreResult<DrawRow> {
    let count = |column: &str| -> StoreResult<Option<u32>> {
        let value: Option<i64> = row.try_get(column)?;
        Ok(value.map(|v| u32::try_from(v).unwrap_or(u32::MAX)))
    };
    let ran_at: Option<i64> = row.try_get("ran_at")?;
    Ok(DrawRow {
        draw_date: rows::date(&row.try_get::<String, _>("draw_date")?)?,
        seed: row.try_get("seed")?,
        seed_sha256: row.try_get("seed_sha256")?,
        opened_at: rows::instant(row.try_get("opened_at")?)?,
        closes_at: rows::instant(row.try_get("closes_at")?)?,
        ran_at: ran_at.map(rows::instant).transpose()?,
        entries: count("entries")?,
        seats: count("seats")?,
        winners: count("winners")?,
    })
}

pub(super) const ENTRY_COLUMNS: &str = "id, draw_date, status, service, office_1, office_2, office_3, \
     part_of_day, wants_waitlist, expires_at, email_enc, lang, booking_id";

pub(super) fn entry_row(row: &AnyRow) -> StoreResult<DrawEntryRecord> {
    let mut offices = vec![OfficeId(row.try_get("office_1")?)];
    for column in ["office_2", "office_3"] {
        if let Some(id) = row.try_get::<Option<i64>, _>(column)? {
            offices.push(OfficeId(id));
        }
    }
    let booking_id: Option<String> = row.try_get("booking_id")?;
    Ok(DrawEntryRecord {
        id: row.try_get("id")?,
        draw_date: rows::date(&row.try_get::<String, _>("draw_date")?)?,
        status: row.try_get("status")?,
        service: row.try_get("service")?,
        offices,
        part_of_day: row.try_get("part_of_day")?,
        wants_waitlist: rows::flag(row, "wants_waitlist")?,
        expires_at: rows::instant(row.try_get("expires_at")?)?,
        email: row.try_get("email_enc")?,
        lang: row.try_get("lang")?,
        booking_id: booking_id.map(BookingId),
        persons: Vec::new(),
    })
}

impl SqlStore {
    /// Fills in the persons of `entries` (one query for all).
    pub(super) async fn with_persons(
        &self,
        mut entries: Vec<DrawEntryRecord>,
    ) -> StoreResult<Vec<DrawEntryRecord>> {
        if entries.is_empty() {
            return Ok(entries);
        }
        let sql = format!(
            "SELECT entry_id, last_name_enc, first_name_enc, cnp_enc, cnp_hash
             FROM draw_entry_persons WHERE entry_id IN ({}) ORDER BY entry_id, position",
            placeholders(1, entries.len())
        );
        let mut query = sqlx::query(&sql);
        for entry in &entries {
            query = query.bind(&entry.id);
        }
        let found = query.fetch_all(&self.reader).await?;
        for row in &found {
            let entry_id: String = row.try_get("entry_id")?;
            if let Some(entry) = entries.iter_mut().find(|e| e.id == entry_id) {
                entry.persons.push(SealedPerson {
                    last_name: row.try_get("last_name_enc")?,
                    first_name: row.try_get("first_name_enc")?,
                    cnp: row.try_get("cnp_enc")?,
                    cnp_hash: row.try_get("cnp_hash")?,
                });
            }
        }
        Ok(entries)
    }
}
