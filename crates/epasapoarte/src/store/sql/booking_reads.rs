//! Reading bookings back: one query gives each booking with its slot and its persons (one
//! row per person, in the order they were entered; one row with no person once purged),
//! whether it is found by id, by a link token, by e-mail or by office and time. The rows
//! are decoded in one place.

use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

use crate::ids::{BookingId, OfficeId, TokenHash};
use crate::store::rows;
use crate::store::*;

/// The booking, its slot and its persons; `$filter` picks the bookings, `$order` keeps
/// each booking's rows together (it ends with `b.id, p.position`).
macro_rules! select_bookings {
    ($filter:literal, $order:literal) => {
        concat!(
            "SELECT b.id, b.office_id, b.service, b.status, b.created_at, b.expires_at, b.email_enc, b.lang,
                    s.date, s.time, s.starts_at,
                    p.last_name_enc, p.first_name_enc, p.cnp_enc, p.cnp_hash
             FROM bookings b
             JOIN slots s ON s.id = b.slot_id
             LEFT JOIN booking_persons p ON p.booking_id = b.id ",
            $filter,
            " ORDER BY ",
            $order
        )
    };
}

/// One booking by id.
pub(super) async fn by_id(pool: &AnyPool, id: &BookingId) -> StoreResult<Option<BookingRecord>> {
    let rows = sqlx::query(select_bookings!("WHERE b.id = $1", "p.position"))
        .bind(id)
        .fetch_all(pool)
        .await?;
    Ok(decode(&rows)?.pop())
}

/// The booking a link token of `purpose` points to, in one round trip (a link opens its
/// booking on every confirm and cancel).
pub(super) async fn by_token(
    pool: &AnyPool,
    purpose: TokenPurpose,
    token_hash: &TokenHash,
) -> StoreResult<Option<BookingRecord>> {
    // The fair-access links (SPEC §8) keep their tokens in their own table.
    let query = match purpose {
        TokenPurpose::Confirm | TokenPurpose::Cancel => sqlx::query(select_bookings!(
            "JOIN booking_tokens t ON t.booking_id = b.id WHERE t.hash = $1 AND t.purpose = $2",
            "p.position"
        )),
        TokenPurpose::Reconfirm => sqlx::query(select_bookings!(
            "JOIN fair_tokens t ON t.subject = b.id WHERE t.hash = $1 AND t.purpose = $2",
            "p.position"
        )),
    };
    let rows = query
        .bind(token_hash)
        .bind(purpose.as_str())
        .fetch_all(pool)
        .await?;
    Ok(decode(&rows)?.pop())
}

/// The pending and confirmed bookings of an e-mail address, oldest first.
pub(super) async fn active_by_email(
    pool: &AnyPool,
    email_hash: &[u8],
) -> StoreResult<Vec<BookingRecord>> {
    let rows = sqlx::query(select_bookings!(
        "WHERE b.email_hash = $1 AND b.status IN ('pending', 'confirmed')",
        "b.created_at, b.id, p.position"
    ))
    .bind(email_hash)
    .fetch_all(pool)
    .await?;
    decode(&rows)
}

/// An office's bookings whose slot starts in `[from, to)`, by time, then booking order.
pub(super) async fn of_office(
    pool: &AnyPool,
    office_id: OfficeId,
    from: i64,
    to: i64,
) -> StoreResult<Vec<BookingRecord>> {
    let rows = sqlx::query(select_bookings!(
        "WHERE s.office_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3",
        "s.starts_at, b.created_at, b.id, p.position"
    ))
    .bind(office_id)
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    decode(&rows)
}

/// Folds each booking's rows (consecutive, one per person) into its record.
fn decode(rows: &[AnyRow]) -> StoreResult<Vec<BookingRecord>> {
    let mut found: Vec<BookingRecord> = Vec::new();
    for row in rows {
        let id: BookingId = row.try_get("id")?;
        if found.last().is_none_or(|last| last.id != id) {
            found.push(booking(row, id)?);
        }
        let Some(booking) = found.last_mut() else {
            continue;
        };
        if let Some(cnp_hash) = row.try_get::<Option<Vec<u8>>, _>("cnp_hash")? {
            booking.persons.push(SealedPerson {
                last_name: row.try_get("last_name_enc")?,
                first_name: row.try_get("first_name_enc")?,
                cnp: row.try_get("cnp_enc")?,
                cnp_hash,
            });
        }
    }
    Ok(found)
}

fn booking(row: &AnyRow, id: BookingId) -> StoreResult<BookingRecord> {
    let service: String = row.try_get("service")?;
    let status: String = row.try_get("status")?;
    Ok(BookingRecord {
        id,
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
        persons: Vec::new(),
    })
}

/// The one unconfirmed booking that holds some of `cnp_hashes` and could be replaced by a
/// new booking of the same family (issue 12): `None` when no booking holds them, when
/// more than one does, or when the one that does is not pending (a confirmed booking is
/// never replaced). With it, how many bookings holding any of these CNPs were replaced
/// since `since` (the hoarding guard).
pub(crate) async fn replaceable_pending(
    pool: &AnyPool,
    cnp_hashes: &[Vec<u8>],
    since: chrono::DateTime<chrono::Utc>,
) -> StoreResult<Option<Replaceable>> {
    if cnp_hashes.is_empty() {
        return Ok(None);
    }
    let list = crate::store::sql::placeholders(1, cnp_hashes.len());
    let sql = format!(
        "SELECT b.id, b.status, p.cnp_hash FROM bookings b
         JOIN booking_persons p ON p.booking_id = b.id AND p.holds = true
         WHERE b.id IN (SELECT booking_id FROM booking_persons
                        WHERE holds = true AND cnp_hash IN ({list}))
         ORDER BY b.id"
    );
    let mut query = sqlx::query_as::<_, (String, String, Vec<u8>)>(&sql);
    for hash in cnp_hashes {
        query = query.bind(hash.as_slice());
    }
    let rows = query.fetch_all(pool).await?;
    let Some((id, status, _)) = rows.first() else {
        return Ok(None);
    };
    if rows.iter().any(|(other, _, _)| other != id) || status != "pending" {
        return Ok(None);
    }
    let sql = format!(
        "SELECT count(DISTINCT b.id) FROM bookings b
         JOIN booking_persons p ON p.booking_id = b.id
         WHERE b.cancel_reason = 'replaced' AND b.closed_at >= ${} AND p.cnp_hash IN ({list})",
        cnp_hashes.len() + 1
    );
    let mut query = sqlx::query_scalar::<_, i64>(&sql);
    for hash in cnp_hashes {
        query = query.bind(hash.as_slice());
    }
    let replaced = query.bind(rows::millis(since)).fetch_one(pool).await?;
    let held: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT b.office_id, s.date, s.time,
                CAST(b.persons - COALESCE((SELECT SUM(o.seats) FROM booking_overflow o
                                           WHERE o.booking_id = b.id), 0) AS BIGINT)
         FROM bookings b JOIN slots s ON s.id = b.slot_id WHERE b.id = $1
         UNION ALL
         SELECT s.office_id, s.date, s.time, o.seats
         FROM booking_overflow o JOIN slots s ON s.id = o.slot_id WHERE o.booking_id = $1",
    )
    .bind(id.as_str())
    .fetch_all(pool)
    .await?;
    let seats = held
        .into_iter()
        .map(|(office, date, time, seats)| {
            Ok((
                crate::ids::OfficeId(office),
                rows::date(&date)?,
                rows::time(&time)?,
                rows::small(seats, "seats")?,
            ))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(Some(Replaceable {
        id: BookingId(id.clone()),
        seats,
        cnp_hashes: rows.into_iter().map(|(_, _, hash)| hash).collect(),
        replaced_lately: u32::try_from(replaced).unwrap_or(u32::MAX),
    }))
}
