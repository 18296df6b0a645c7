//! SQLite: reading bookings back, with their slot and their persons in entry order, by
//! id (a link token is resolved to an id first); the rows are decoded in one place.

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqlitePool};

use crate::store::rows;
use crate::store::*;

/// Loads bookings with their slot and persons, in the order of `ids`.
pub(super) async fn load(pool: &SqlitePool, ids: &[String]) -> StoreResult<Vec<BookingRecord>> {
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        let row = sqlx::query(
            "SELECT b.id, b.office_id, b.service, b.status, b.created_at, b.expires_at, b.email_enc, b.lang,
                    s.date, s.time, s.starts_at
             FROM bookings b JOIN slots s ON s.id = b.slot_id WHERE b.id = ?",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?;
        let Some(row) = row else { continue };
        let persons = sqlx::query(
            "SELECT last_name_enc, first_name_enc, cnp_enc, cnp_hash FROM booking_persons
             WHERE booking_id = ? ORDER BY position",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|p| {
            Ok(SealedPerson {
                last_name: p.try_get("last_name_enc")?,
                first_name: p.try_get("first_name_enc")?,
                cnp: p.try_get("cnp_enc")?,
                cnp_hash: p.try_get("cnp_hash")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        found.push(booking_record(&row, persons)?);
    }
    Ok(found)
}

fn booking_record(row: &SqliteRow, persons: Vec<SealedPerson>) -> StoreResult<BookingRecord> {
    let service: String = row.try_get("service")?;
    let status: String = row.try_get("status")?;
    Ok(BookingRecord {
        id: row.try_get("id")?,
        office_id: row.try_get("office_id")?,
        service: service
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("service {service:?}")))?,
        date: rows::date(&row.try_get::<String, _>("date")?)?,
        time: rows::time(&row.try_get::<String, _>("time")?)?,
        starts_at: rows::instant(row.try_get("starts_at")?)?,
        status: status
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("booking status {status:?}")))?,
        created_at: rows::instant(row.try_get("created_at")?)?,
        expires_at: rows::instant(row.try_get("expires_at")?)?,
        email: row.try_get("email_enc")?,
        lang: row.try_get("lang")?,
        persons,
    })
}
