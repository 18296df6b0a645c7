//! PostgreSQL: reading bookings back. One query gives each booking with its slot and its
//! persons (aggregated in the order they were entered), whether it is found by id or by a
//! link token; the rows are decoded in one place.

use std::collections::HashMap;

use sqlx::postgres::PgRow;
use sqlx::{PgPool, Row};

use crate::store::rows;
use crate::store::*;

/// The booking, its slot and its persons' columns as arrays. A purged booking has no
/// persons: the FILTER makes its arrays NULL rather than one NULL element.
macro_rules! select_bookings {
    ($filter:literal) => {
        concat!(
            "SELECT b.id, b.office_id, b.service, b.status, b.created_at, b.expires_at, b.email_enc, b.lang,
                    s.date, s.time, s.starts_at,
                    array_agg(p.last_name_enc ORDER BY p.position) FILTER (WHERE p.booking_id IS NOT NULL) AS last_names,
                    array_agg(p.first_name_enc ORDER BY p.position) FILTER (WHERE p.booking_id IS NOT NULL) AS first_names,
                    array_agg(p.cnp_enc ORDER BY p.position) FILTER (WHERE p.booking_id IS NOT NULL) AS cnps,
                    array_agg(p.cnp_hash ORDER BY p.position) FILTER (WHERE p.booking_id IS NOT NULL) AS cnp_hashes
             FROM bookings b
             JOIN slots s ON s.id = b.slot_id
             LEFT JOIN booking_persons p ON p.booking_id = b.id ",
            $filter,
            " GROUP BY b.id, s.id"
        )
    };
}

/// Bookings with their slot and persons, in the order of `ids` (unknown ids are skipped).
pub(super) async fn load(pool: &PgPool, ids: &[String]) -> StoreResult<Vec<BookingRecord>> {
    let mut found = sqlx::query(select_bookings!("WHERE b.id = ANY($1)"))
        .bind(ids)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|row| decode(row).map(|record| (record.id.clone(), record)))
        .collect::<StoreResult<HashMap<_, _>>>()?;
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// The booking a link token of `purpose` points to, in one round trip (a link opens its
/// booking on every confirm and cancel).
pub(super) async fn by_token(
    pool: &PgPool,
    purpose: TokenPurpose,
    token_hash: &[u8],
) -> StoreResult<Option<BookingRecord>> {
    let row = sqlx::query(select_bookings!(
        "JOIN booking_tokens t ON t.booking_id = b.id WHERE t.hash = $1 AND t.purpose = $2"
    ))
    .bind(token_hash)
    .bind(purpose.as_str())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(decode).transpose()
}

fn decode(row: &PgRow) -> StoreResult<BookingRecord> {
    let column = |name: &str| -> StoreResult<Vec<Vec<u8>>> {
        Ok(row
            .try_get::<Option<Vec<Vec<u8>>>, _>(name)?
            .unwrap_or_default())
    };
    let persons = column("last_names")?
        .into_iter()
        .zip(column("first_names")?)
        .zip(column("cnps")?.into_iter().zip(column("cnp_hashes")?))
        .map(|((last_name, first_name), (cnp, cnp_hash))| SealedPerson {
            last_name,
            first_name,
            cnp,
            cnp_hash,
        })
        .collect();
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
