//! The opening-day draw and the no-show cool-off, written once for both backends. The
//! draw's one transaction is claimed by a conditional UPDATE on `draws.ran_at`: only the
//! caller whose UPDATE changed the row goes on, every other one (another instance, a
//! second `draw run`) finds it taken and rolls back.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::staff::audit_change;
use super::{SqlStore, insert_outbox, placeholders};
use crate::ids::{BookingId, OfficeId, TokenHash};
use crate::store::rows;
use crate::store::*;

const DRAW_COLUMNS: &str =
    "draw_date, seed, seed_sha256, opened_at, closes_at, ran_at, entries, seats, winners";

fn draw_row(row: &AnyRow) -> StoreResult<DrawRow> {
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

const ENTRY_COLUMNS: &str = "id, draw_date, status, service, office_1, office_2, office_3, \
     part_of_day, wants_waitlist, expires_at, email_enc, lang, booking_id";

fn entry_row(row: &AnyRow) -> StoreResult<DrawEntryRecord> {
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
    async fn with_persons(
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

/// How many of `hashes` match `sql_head` (which takes `$1` = now when `now` is given,
/// then the hashes).
async fn count_matching(
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

const HOLDING: &str = "SELECT count(*) FROM booking_persons WHERE holds = true AND cnp_hash IN";
const COOLING: &str =
    "SELECT count(*) FROM no_shows WHERE undone_at IS NULL AND blocked_until > $1 AND cnp_hash IN";

#[async_trait]
impl Draws for SqlStore {
    async fn open_draw(
        &self,
        date: NaiveDate,
        seed: &[u8],
        seed_sha256: &str,
        now: DateTime<Utc>,
        closes_at: DateTime<Utc>,
    ) -> StoreResult<DrawRow> {
        sqlx::query(
            "INSERT INTO draws (draw_date, seed, seed_sha256, opened_at, closes_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (draw_date) DO NOTHING",
        )
        .bind(rows::date_text(date))
        .bind(seed)
        .bind(seed_sha256)
        .bind(rows::millis(now))
        .bind(rows::millis(closes_at))
        .execute(&self.writer)
        .await?;
        let row = sqlx::query(&format!(
            "SELECT {DRAW_COLUMNS} FROM draws WHERE draw_date = $1"
        ))
        .bind(rows::date_text(date))
        .fetch_one(&self.writer)
        .await?;
        draw_row(&row)
    }

    async fn draw(&self, date: NaiveDate) -> StoreResult<Option<DrawRow>> {
        let row = sqlx::query(&format!(
            "SELECT {DRAW_COLUMNS} FROM draws WHERE draw_date = $1"
        ))
        .bind(rows::date_text(date))
        .fetch_optional(&self.reader)
        .await?;
        row.as_ref().map(draw_row).transpose()
    }

    async fn draws(&self, limit: u32) -> StoreResult<Vec<DrawRow>> {
        let found = sqlx::query(&format!(
            "SELECT {DRAW_COLUMNS} FROM draws ORDER BY draw_date DESC LIMIT $1"
        ))
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await?;
        found.iter().map(draw_row).collect()
    }

    async fn due_draws(&self, now: DateTime<Utc>) -> StoreResult<Vec<DrawRow>> {
        let found = sqlx::query(&format!(
            "SELECT {DRAW_COLUMNS} FROM draws WHERE ran_at IS NULL AND closes_at <= $1
             ORDER BY draw_date"
        ))
        .bind(rows::millis(now))
        .fetch_all(&self.writer)
        .await?;
        found.iter().map(draw_row).collect()
    }

    async fn earliest_undrawn(&self) -> StoreResult<Option<NaiveDate>> {
        let date: Option<String> =
            sqlx::query_scalar("SELECT min(draw_date) FROM draws WHERE ran_at IS NULL")
                .fetch_one(&self.writer)
                .await?;
        date.as_deref().map(rows::date).transpose()
    }

    async fn create_draw_entry(
        &self,
        entry: &NewDrawEntry,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(), EntryRefusal>> {
        let now_ms = rows::millis(now);
        let mut tx = self.writer.begin().await?;
        let ran: Option<Option<i64>> =
            sqlx::query_scalar("SELECT ran_at FROM draws WHERE draw_date = $1")
                .bind(rows::date_text(entry.draw_date))
                .fetch_optional(&mut *tx)
                .await?;
        if !matches!(ran, Some(None)) {
            return Ok(Err(EntryRefusal::Closed));
        }
        let hashes: Vec<&[u8]> = entry.persons.iter().map(|p| &p.cnp_hash[..]).collect();
        if count_matching(&mut tx, COOLING, &hashes, Some(now_ms)).await? > 0 {
            return Ok(Err(EntryRefusal::CoolingOff));
        }
        if count_matching(&mut tx, HOLDING, &hashes, None).await? > 0 {
            return Ok(Err(EntryRefusal::AlreadyBooked));
        }
        sqlx::query(
            "INSERT INTO draw_entries (id, draw_date, status, service, persons, office_1, office_2,
                 office_3, part_of_day, wants_waitlist, created_at, expires_at, email_hash,
                 email_enc, phone_enc, consent_at, consent_policy, lang)
             VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $10, $15, $16)",
        )
        .bind(&entry.id)
        .bind(rows::date_text(entry.draw_date))
        .bind(&entry.service)
        .bind(i64::try_from(entry.persons.len()).unwrap_or(i64::MAX))
        .bind(entry.offices.first().map(|o| o.get()))
        .bind(entry.offices.get(1).map(|o| o.get()))
        .bind(entry.offices.get(2).map(|o| o.get()))
        .bind(&entry.part_of_day)
        .bind(entry.wants_waitlist)
        .bind(now_ms)
        .bind(rows::millis(entry.expires_at))
        .bind(&entry.email_hash)
        .bind(&entry.email)
        .bind(&entry.phone)
        .bind(&entry.consent_policy)
        .bind(&entry.lang)
        .execute(&mut *tx)
        .await?;
        for (position, person) in (1_i64..).zip(&entry.persons) {
            let inserted = sqlx::query(
                "INSERT INTO draw_entry_persons (entry_id, position, draw_date, last_name_enc,
                     first_name_enc, cnp_enc, cnp_hash, active)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, true)",
            )
            .bind(&entry.id)
            .bind(position)
            .bind(rows::date_text(entry.draw_date))
            .bind(&person.last_name)
            .bind(&person.first_name)
            .bind(&person.cnp)
            .bind(&person.cnp_hash)
            .execute(&mut *tx)
            .await;
            match inserted {
                Ok(_) => {}
                Err(error)
                    if self.violates(
                        &error,
                        "draw_entry_persons.draw_date",
                        "draw_entry_persons_one_per_cnp",
                    ) =>
                {
                    return Ok(Err(EntryRefusal::AlreadyEntered));
                }
                Err(error) => return Err(error.into()),
            }
        }
        sqlx::query(
            "INSERT INTO fair_tokens (hash, subject, purpose, created_at) VALUES ($1, $2, 'draw_confirm', $3)",
        )
        .bind(&entry.confirm_token_hash)
        .bind(&entry.id)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
        insert_outbox(&mut tx, &entry.outbox, now).await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    async fn draw_entry_by_token(&self, token_hash: &TokenHash) -> StoreResult<Option<String>> {
        Ok(sqlx::query_scalar(
            "SELECT subject FROM fair_tokens WHERE hash = $1 AND purpose = 'draw_confirm'",
        )
        .bind(token_hash)
        .fetch_optional(&self.writer)
        .await?)
    }

    async fn confirm_draw_entry(&self, id: &str, now: DateTime<Utc>) -> StoreResult<EntryConfirm> {
        let now_ms = rows::millis(now);
        let mut tx = self.writer.begin().await?;
        let confirmed = sqlx::query(
            "UPDATE draw_entries SET status = 'confirmed', confirmed_at = $1
             WHERE id = $2 AND status = 'pending' AND expires_at > $1",
        )
        .bind(now_ms)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if confirmed.rows_affected() == 1 {
            tx.commit().await?;
            return Ok(EntryConfirm::Confirmed(id.to_owned()));
        }
        if lapse(&mut tx, Some(id), now_ms).await? > 0 {
            tx.commit().await?;
            return Ok(EntryConfirm::Lapsed(id.to_owned()));
        }
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM draw_entries WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        tx.commit().await?;
        let status = status.ok_or(StoreError::NotFound)?;
        Ok(EntryConfirm::Unchanged(id.to_owned(), status))
    }

    async fn lapse_draw_entries(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let mut tx = self.writer.begin().await?;
        let lapsed = lapse(&mut tx, None, rows::millis(now)).await?;
        tx.commit().await?;
        Ok(lapsed)
    }

    async fn draw_entry(&self, id: &str) -> StoreResult<Option<DrawEntryRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {ENTRY_COLUMNS} FROM draw_entries WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.writer)
        .await?;
        let Some(entry) = row.as_ref().map(entry_row).transpose()? else {
            return Ok(None);
        };
        Ok(self.with_persons(vec![entry]).await?.pop())
    }

    async fn draw_entries(&self, date: NaiveDate) -> StoreResult<Vec<DrawEntryRecord>> {
        let found = sqlx::query(&format!(
            "SELECT {ENTRY_COLUMNS} FROM draw_entries WHERE draw_date = $1 ORDER BY id"
        ))
        .bind(rows::date_text(date))
        .fetch_all(&self.writer)
        .await?;
        let entries = found.iter().map(entry_row).collect::<StoreResult<_>>()?;
        self.with_persons(entries).await
    }

    async fn blocked_cnps(
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

    async fn run_draw(&self, result: &DrawResult) -> StoreResult<DrawRun> {
        match run_draw_in(self, result).await {
            Err(StoreError::SlotFull | StoreError::CnpAlreadyBooked) => Ok(DrawRun::Stale),
            other => other,
        }
    }

    async fn no_shows(&self, cnp_hashes: &[Vec<u8>]) -> StoreResult<Vec<NoShowMark>> {
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

    async fn cooling_off_until(
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

    async fn undo_no_show(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        audit: &NewAuditEntry,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await?;
        let undone: Option<(i64, i64)> = sqlx::query_as(
            "UPDATE bookings SET status = 'confirmed', closed_at = NULL
             WHERE id = $1 AND status = 'no_show'
             RETURNING slot_id, persons",
        )
        .bind(booking_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((slot_id, persons)) = undone else {
            tx.commit().await?;
            return Ok(false);
        };
        // Its seats again, as it was (unless someone took them meanwhile).
        sqlx::query("UPDATE slots SET taken = taken + $1 WHERE id = $2 AND taken + $1 <= capacity")
            .bind(persons)
            .bind(slot_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE no_shows SET undone_at = $1 WHERE booking_id = $2 AND undone_at IS NULL",
        )
        .bind(rows::millis(now))
        .bind(booking_id)
        .execute(&mut *tx)
        .await?;
        audit_change(self.backend, &mut tx, Some(audit), None).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn mark_no_show(
        &self,
        change: &BookingMove,
        marks: &[NoShowMark],
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<TransitionOutcome> {
        let mut tx = self.writer.begin().await?;
        let moved: Option<(i64, i64)> = sqlx::query_as(
            "UPDATE bookings SET status = 'no_show', closed_at = $1 WHERE id = $2 AND status = $3
             RETURNING slot_id, persons",
        )
        .bind(rows::millis(change.now))
        .bind(&change.booking_id)
        .bind(change.from.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some((slot_id, persons)) = moved else {
            let status: Option<String> =
                sqlx::query_scalar("SELECT status FROM bookings WHERE id = $1")
                    .bind(&change.booking_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            tx.commit().await?;
            let status = status.ok_or(StoreError::NotFound)?;
            return Ok(TransitionOutcome::Unchanged(status.parse().map_err(
                |_| StoreError::Corrupt(format!("booking status {status:?}")),
            )?));
        };
        // A no-show holds no seat (as `Counter::move_booking` does it).
        if change.from.holds_seats() {
            sqlx::query("UPDATE slots SET taken = taken - $1 WHERE id = $2")
                .bind(persons)
                .bind(slot_id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE booking_persons SET holds = false WHERE booking_id = $1")
            .bind(&change.booking_id)
            .execute(&mut *tx)
            .await?;
        for mark in marks {
            sqlx::query(
                "INSERT INTO no_shows (booking_id, cnp_hash, marked_at, blocked_until)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (booking_id, cnp_hash)
                 DO UPDATE SET marked_at = $3, blocked_until = $4, undone_at = NULL",
            )
            .bind(&change.booking_id)
            .bind(&mark.cnp_hash)
            .bind(rows::millis(mark.marked_at))
            .bind(rows::millis(mark.blocked_until))
            .execute(&mut *tx)
            .await?;
        }
        if let Some(outbox) = &change.outbox {
            insert_outbox(&mut tx, outbox, change.now).await?;
        }
        audit_change(self.backend, &mut tx, audit, None).await?;
        tx.commit().await?;
        Ok(TransitionOutcome::Done)
    }
}

/// Lapses pending entries past their time (one, or all), freeing their CNPs.
async fn lapse(tx: &mut Transaction<'_, Any>, id: Option<&str>, now: i64) -> StoreResult<u64> {
    let due: Vec<String> = sqlx::query_scalar(
        "UPDATE draw_entries SET status = 'lapsed'
         WHERE status = 'pending' AND expires_at <= $1 AND ($2 IS NULL OR id = $2)
         RETURNING id",
    )
    .bind(now)
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    for entry in &due {
        sqlx::query("UPDATE draw_entry_persons SET active = false WHERE entry_id = $1")
            .bind(entry)
            .execute(&mut **tx)
            .await?;
    }
    Ok(due.len() as u64)
}

/// The draw's one transaction. `SlotFull`/`CnpAlreadyBooked` roll everything back.
async fn run_draw_in(store: &SqlStore, result: &DrawResult) -> StoreResult<DrawRun> {
    let now = rows::millis(result.ran_at);
    let date = rows::date_text(result.draw_date);
    let mut tx = store.writer.begin().await?;
    let claimed = sqlx::query(
        "UPDATE draws SET ran_at = $1, entries = $2, seats = $3, winners = $4
         WHERE draw_date = $5 AND ran_at IS NULL",
    )
    .bind(now)
    .bind(i64::from(result.entries))
    .bind(i64::from(result.seats))
    .bind(i64::try_from(result.winners.len()).unwrap_or(i64::MAX))
    .bind(&date)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Ok(DrawRun::AlreadyRan);
    }
    // Entries never confirmed take no part.
    sqlx::query(
        "UPDATE draw_entry_persons SET active = false
         WHERE entry_id IN (SELECT id FROM draw_entries WHERE draw_date = $1 AND status = 'pending')",
    )
    .bind(&date)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE draw_entries SET status = 'lapsed' WHERE draw_date = $1 AND status = 'pending'",
    )
    .bind(&date)
    .execute(&mut *tx)
    .await?;
    for winner in &result.winners {
        seat_winner(store, &mut tx, result, winner).await?;
    }
    for loser in &result.losers {
        sqlx::query(
            "UPDATE draw_entries SET status = 'lost' WHERE id = $1 AND status = 'confirmed'",
        )
        .bind(&loser.entry_id)
        .execute(&mut *tx)
        .await?;
        if let Some(place) = &loser.waitlist {
            waitlist_loser(&mut tx, &loser.entry_id, place, now).await?;
        }
        insert_outbox(&mut tx, &loser.outbox, result.ran_at).await?;
    }
    tx.commit().await?;
    Ok(DrawRun::Ran)
}

/// A winner's confirmed booking (origin `draw`), copied from its entry: seats, persons
/// (holding the CNPs), cancel token and the confirmation e-mail.
async fn seat_winner(
    store: &SqlStore,
    tx: &mut Transaction<'_, Any>,
    result: &DrawResult,
    winner: &DrawWinner,
) -> StoreResult<()> {
    let now = rows::millis(result.ran_at);
    let slot: Option<i64> = sqlx::query_scalar(
        "UPDATE slots SET taken = taken + $1
         WHERE office_id = $2 AND date = $3 AND time = $4 AND taken + $1 <= capacity
         RETURNING id",
    )
    .bind(i64::from(winner.persons))
    .bind(winner.office_id)
    .bind(rows::date_text(result.draw_date))
    .bind(rows::time_text(winner.time))
    .fetch_optional(&mut **tx)
    .await?;
    let slot = slot.ok_or(StoreError::SlotFull)?;
    sqlx::query(
        "INSERT INTO bookings (id, office_id, slot_id, service, persons, status, created_at,
             expires_at, confirmed_at, email_hash, email_enc, phone_enc, consent_at,
             consent_policy, lang, origin)
         SELECT $1, $2, $3, service, persons, 'confirmed', $4, $4, $4, email_hash, email_enc,
             phone_enc, consent_at, consent_policy, lang, 'draw'
         FROM draw_entries WHERE id = $5",
    )
    .bind(&winner.booking_id)
    .bind(winner.office_id)
    .bind(slot)
    .bind(now)
    .bind(&winner.entry_id)
    .execute(&mut **tx)
    .await?;
    let persons = sqlx::query(
        "INSERT INTO booking_persons (booking_id, position, last_name_enc, first_name_enc,
             cnp_enc, cnp_hash, holds)
         SELECT $1, position, last_name_enc, first_name_enc, cnp_enc, cnp_hash, true
         FROM draw_entry_persons WHERE entry_id = $2",
    )
    .bind(&winner.booking_id)
    .bind(&winner.entry_id)
    .execute(&mut **tx)
    .await;
    if let Err(error) = persons {
        if store.violates(
            &error,
            "booking_persons.cnp_hash",
            "booking_persons_one_active_per_cnp",
        ) {
            return Err(StoreError::CnpAlreadyBooked);
        }
        return Err(error.into());
    }
    // Taking any booking ends the family's place on the waitlist (SPEC §8).
    let hashes: Vec<Vec<u8>> =
        sqlx::query_scalar("SELECT cnp_hash FROM draw_entry_persons WHERE entry_id = $1")
            .bind(&winner.entry_id)
            .fetch_all(&mut **tx)
            .await?;
    super::waitlist::end_for(tx, &hashes, result.ran_at).await?;
    sqlx::query(
        "INSERT INTO booking_tokens (hash, booking_id, purpose, created_at) VALUES ($1, $2, 'cancel', $3)",
    )
    .bind(&winner.cancel_token_hash)
    .bind(&winner.booking_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE draw_entries SET status = 'won', booking_id = $1 WHERE id = $2 AND status = 'confirmed'",
    )
    .bind(&winner.booking_id)
    .bind(&winner.entry_id)
    .execute(&mut **tx)
    .await?;
    insert_outbox(tx, &winner.outbox, result.ran_at).await
}

/// A losing entry's place on the waitlist, waiting from the draw on (unless one of its
/// CNPs is already waiting: a family is on one waitlist entry at a time).
async fn waitlist_loser(
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
