//! The waitlist, personal holds and the delayed release of freed seats (SPEC §8), written
//! once for both backends. Every transition is a conditional UPDATE or DELETE, so exactly
//! one of many instances makes it; the seats themselves never leave `slots.taken` until
//! the release gives them back, so the no-overbooking CHECK keeps holding.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use epasapoarte_domain::fair::{ReleaseDelay, release_at};
use sqlx::{Any, Transaction};

use super::{SqlStore, insert_outbox, placeholders};
use crate::ids::{BookingId, OfficeId, TokenHash};
use crate::store::rows;
use crate::store::*;

type EntryRow = (
    String,
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    String,
    String,
    i64,
    Option<i64>,
    Option<String>,
    Vec<u8>,
    String,
);

const ENTRY_COLUMNS: &str = "w.id, w.status, w.service, w.office_1, w.office_2, w.office_3, \
     w.date_from, w.date_to, w.expires_at, w.waiting_since, w.booking_id, w.email_enc, w.lang";

fn offices(first: i64, second: Option<i64>, third: Option<i64>) -> Vec<OfficeId> {
    std::iter::once(first)
        .chain(second)
        .chain(third)
        .map(OfficeId)
        .collect()
}

fn entry(row: EntryRow, persons: Vec<SealedPerson>) -> StoreResult<WaitlistRecord> {
    let (id, status, service, o1, o2, o3, from, to, expires, since, booking, email, lang) = row;
    Ok(WaitlistRecord {
        id,
        status,
        service,
        offices: offices(o1, o2, o3),
        date_from: rows::date(&from)?,
        date_to: rows::date(&to)?,
        expires_at: rows::instant(expires)?,
        waiting_since: since.map(rows::instant).transpose()?,
        booking_id: booking.map(BookingId),
        email,
        lang,
        persons,
    })
}

type SlotRow = (i64, i64, String, String, i64);

fn held(slot: SlotRow, seats: i64, hold_until: i64) -> StoreResult<HeldSeats> {
    let (slot_id, office_id, date, time, starts_at) = slot;
    Ok(HeldSeats {
        slot_id,
        office_id: OfficeId(office_id),
        date: rows::date(&date)?,
        time: rows::time(&time)?,
        starts_at: rows::instant(starts_at)?,
        seats: rows::small(seats, "seats")?,
        hold_until: rows::instant(hold_until)?,
    })
}

impl SqlStore {
    /// The one way seats leave a booking (citizen or staff cancel, expiry, no
    /// reconfirmation): inside the caller's transaction, they become a `freed_seats` row
    /// released after a random delay (`EPAS_RELEASE_DELAY`, never later than 2 h before
    /// the slot), or go back at once when the delay is `0-0` or the slot is too close.
    pub(crate) async fn give_back(
        &self,
        tx: &mut Transaction<'_, Any>,
        slot_id: i64,
        seats: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let delay = self.release_delay();
        if delay.max > chrono::TimeDelta::zero() {
            let starts_at: Option<i64> =
                sqlx::query_scalar("SELECT starts_at FROM slots WHERE id = $1")
                    .bind(slot_id)
                    .fetch_optional(&mut **tx)
                    .await?;
            if let Some(starts_at) = starts_at {
                let at = release_at(now, rows::instant(starts_at)?, &delay, rand::random());
                if at > now {
                    sqlx::query(
                        "INSERT INTO freed_seats (slot_id, seats, freed_at, release_at)
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(slot_id)
                    .bind(seats)
                    .bind(rows::millis(now))
                    .bind(rows::millis(at))
                    .execute(&mut **tx)
                    .await?;
                    return Ok(());
                }
            }
        }
        sqlx::query("UPDATE slots SET taken = taken - $1 WHERE id = $2")
            .bind(seats)
            .bind(slot_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    async fn sealed_persons(
        &self,
        pool: &sqlx::AnyPool,
        entry_id: &str,
    ) -> StoreResult<Vec<SealedPerson>> {
        type PersonRow = (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>);
        let persons: Vec<PersonRow> = sqlx::query_as(
            "SELECT last_name_enc, first_name_enc, cnp_enc, cnp_hash FROM waitlist_persons
             WHERE entry_id = $1 ORDER BY position",
        )
        .bind(entry_id)
        .fetch_all(pool)
        .await?;
        Ok(persons
            .into_iter()
            .map(|(last_name, first_name, cnp, cnp_hash)| SealedPerson {
                last_name,
                first_name,
                cnp,
                cnp_hash,
            })
            .collect())
    }
}

/// A family that takes any booking leaves the waitlist: ends the active entries holding
/// any of `cnp_hashes`, voids an open hold (its seats go back to the pool for the next
/// family). Called inside the transaction that confirms the booking. Returns how many
/// entries it ended.
pub(crate) async fn end_for(
    tx: &mut Transaction<'_, Any>,
    cnp_hashes: &[Vec<u8>],
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    if cnp_hashes.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "SELECT DISTINCT entry_id FROM waitlist_persons WHERE active = true AND cnp_hash IN ({})",
        placeholders(1, cnp_hashes.len())
    );
    let mut query = sqlx::query_scalar::<_, String>(&sql);
    for hash in cnp_hashes {
        query = query.bind(hash.as_slice());
    }
    let entries = query.fetch_all(&mut **tx).await?;
    let mut ended = 0;
    for id in entries {
        let done = sqlx::query(
            "UPDATE waitlist_entries SET status = 'ended', closed_at = $2
             WHERE id = $1 AND status IN ('pending', 'waiting', 'held')",
        )
        .bind(&id)
        .bind(rows::millis(now))
        .execute(&mut **tx)
        .await?
        .rows_affected();
        sqlx::query("UPDATE waitlist_persons SET active = false WHERE entry_id = $1")
            .bind(&id)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "UPDATE hold_offers SET outcome = 'void', closed_at = $2
             WHERE waitlist_id = $1 AND outcome = 'open'",
        )
        .bind(&id)
        .bind(rows::millis(now))
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "UPDATE freed_seats SET held_for = NULL, hold_until = NULL WHERE held_for = $1",
        )
        .bind(&id)
        .execute(&mut **tx)
        .await?;
        ended += done;
    }
    Ok(ended)
}

#[async_trait]
impl Waitlist for SqlStore {
    fn set_release_delay(&self, delay: ReleaseDelay) {
        *self
            .release_delay
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = delay;
    }

    fn release_delay(&self) -> ReleaseDelay {
        *self
            .release_delay
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    async fn join_waitlist(&self, entry: &NewWaitlistEntry) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        let office = |i: usize| entry.offices.get(i).map(|o| o.get());
        sqlx::query(
            "INSERT INTO waitlist_entries (id, status, service, persons, office_1, office_2,
                 office_3, date_from, date_to, created_at, expires_at, email_hash, email_enc,
                 phone_enc, consent_at, consent_policy, lang)
             VALUES ($1, 'pending', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $9, $14, $15)",
        )
        .bind(&entry.id)
        .bind(entry.service.as_str())
        .bind(i64::try_from(entry.persons.len()).unwrap_or(i64::MAX))
        .bind(office(0).unwrap_or(0))
        .bind(office(1))
        .bind(office(2))
        .bind(rows::date_text(entry.date_from))
        .bind(rows::date_text(entry.date_to))
        .bind(rows::millis(entry.created_at))
        .bind(rows::millis(entry.expires_at))
        .bind(entry.email_hash.as_slice())
        .bind(entry.email.as_slice())
        .bind(entry.phone.as_deref())
        .bind(&entry.consent_policy)
        .bind(&entry.lang)
        .execute(&mut *tx)
        .await?;
        for (position, person) in entry.persons.iter().enumerate() {
            let inserted = sqlx::query(
                "INSERT INTO waitlist_persons (entry_id, position, last_name_enc, first_name_enc,
                     cnp_enc, cnp_hash, active) VALUES ($1, $2, $3, $4, $5, $6, true)",
            )
            .bind(&entry.id)
            .bind(i64::try_from(position + 1).unwrap_or(i64::MAX))
            .bind(person.last_name.as_slice())
            .bind(person.first_name.as_slice())
            .bind(person.cnp.as_slice())
            .bind(person.cnp_hash.as_slice())
            .execute(&mut *tx)
            .await;
            match inserted {
                Ok(_) => {}
                Err(error)
                    if self.violates(
                        &error,
                        "waitlist_persons.cnp_hash",
                        "waitlist_persons_one_per_cnp",
                    ) =>
                {
                    return Err(StoreError::CnpAlreadyWaiting);
                }
                Err(error) => return Err(error.into()),
            }
        }
        sqlx::query(
            "INSERT INTO fair_tokens (hash, subject, purpose, created_at)
             VALUES ($1, $2, 'waitlist_confirm', $3)",
        )
        .bind(&entry.confirm_token_hash)
        .bind(&entry.id)
        .bind(rows::millis(entry.created_at))
        .execute(&mut *tx)
        .await?;
        insert_outbox(&mut tx, &entry.outbox, entry.created_at).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn waitlist_by_token(
        &self,
        token_hash: &TokenHash,
    ) -> StoreResult<Option<WaitlistRecord>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM fair_tokens t JOIN waitlist_entries w ON w.id = t.subject
             WHERE t.hash = $1 AND t.purpose = 'waitlist_confirm'"
        );
        let row: Option<EntryRow> = sqlx::query_as(&sql)
            .bind(token_hash)
            .fetch_optional(&self.reader)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let persons = self.sealed_persons(&self.reader, &row.0).await?;
        entry(row, persons).map(Some)
    }

    async fn hold_offer_by_token(&self, token_hash: &TokenHash) -> StoreResult<Option<HoldOffer>> {
        let subject: Option<String> = sqlx::query_scalar(
            "SELECT subject FROM fair_tokens WHERE hash = $1 AND purpose = 'hold_take'",
        )
        .bind(token_hash)
        .fetch_optional(&self.reader)
        .await?;
        let Some(offer_id) = subject.and_then(|s| s.parse::<i64>().ok()) else {
            return Ok(None);
        };
        let found: Option<(i64, String, i64, i64, String)> = sqlx::query_as(
            "SELECT id, outcome, seats, hold_until, waitlist_id FROM hold_offers WHERE id = $1",
        )
        .bind(offer_id)
        .fetch_optional(&self.reader)
        .await?;
        let Some((offer_id, outcome, seats, hold_until, waitlist_id)) = found else {
            return Ok(None);
        };
        let slot: SlotRow = sqlx::query_as(
            "SELECT s.id, s.office_id, s.date, s.time, s.starts_at FROM hold_offers o
             JOIN slots s ON s.id = o.slot_id WHERE o.id = $1",
        )
        .bind(offer_id)
        .fetch_one(&self.reader)
        .await?;
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM waitlist_entries w WHERE w.id = $1");
        let row: EntryRow = sqlx::query_as(&sql)
            .bind(&waitlist_id)
            .fetch_one(&self.reader)
            .await?;
        let persons = self.sealed_persons(&self.reader, &waitlist_id).await?;
        Ok(Some(HoldOffer {
            offer_id,
            outcome,
            seats: held(slot, seats, hold_until)?,
            entry: entry(row, persons)?,
        }))
    }

    async fn confirm_waitlist(
        &self,
        id: &str,
        now: DateTime<Utc>,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<WaitlistTransition> {
        let mut tx = self.writer.begin().await?;
        let done = sqlx::query(
            "UPDATE waitlist_entries SET status = 'waiting', waiting_since = $2
             WHERE id = $1 AND status = 'pending' AND expires_at > $2",
        )
        .bind(id)
        .bind(rows::millis(now))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 1 {
            insert_outbox(&mut tx, outbox, now).await?;
            tx.commit().await?;
            return Ok(WaitlistTransition::Done);
        }
        lapse_pending(&mut tx, Some(id), now).await?;
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM waitlist_entries WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(WaitlistTransition::Unchanged(
            status.ok_or(StoreError::NotFound)?,
        ))
    }

    async fn expire_waitlist(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        // Usually nothing is due: a read says so without taking the writer.
        let due: Option<String> = sqlx::query_scalar(
            "SELECT id FROM waitlist_entries WHERE status = 'pending' AND expires_at <= $1 LIMIT 1",
        )
        .bind(rows::millis(now))
        .fetch_optional(&self.reader)
        .await?;
        if due.is_none() {
            return Ok(0);
        }
        let mut tx = self.writer.begin().await?;
        let lapsed = lapse_pending(&mut tx, None, now).await?;
        tx.commit().await?;
        Ok(lapsed)
    }

    async fn hold_candidates(&self, now: DateTime<Utc>) -> StoreResult<HoldCandidates> {
        let free: Vec<(i64, i64, i64, String, String, i64, i64, i64)> = sqlx::query_as(
            "SELECT f.id, f.slot_id, s.office_id, s.date, s.time, s.starts_at, f.seats, f.release_at
             FROM freed_seats f JOIN slots s ON s.id = f.slot_id
             WHERE f.held_for IS NULL AND s.starts_at > $1 ORDER BY f.freed_at, f.id",
        )
        .bind(rows::millis(now))
        .fetch_all(&self.reader)
        .await?;
        if free.is_empty() {
            return Ok(HoldCandidates::default());
        }
        let free = free
            .into_iter()
            .map(
                |(freed_id, slot_id, office, date, time, starts_at, seats, release)| {
                    Ok(FreeSeats {
                        freed_id,
                        slot_id,
                        office_id: OfficeId(office),
                        date: rows::date(&date)?,
                        time: rows::time(&time)?,
                        starts_at: rows::instant(starts_at)?,
                        seats: rows::small(seats, "seats")?,
                        release_at: rows::instant(release)?,
                    })
                },
            )
            .collect::<StoreResult<Vec<_>>>()?;
        type WaitingRow = (
            String,
            String,
            i64,
            Option<i64>,
            Option<i64>,
            String,
            String,
            i64,
            i64,
            Vec<u8>,
            String,
        );
        let waiting: Vec<WaitingRow> = sqlx::query_as(
            "SELECT id, service, office_1, office_2, office_3, date_from, date_to, persons,
                    waiting_since, email_enc, lang
             FROM waitlist_entries WHERE status = 'waiting' AND waiting_since IS NOT NULL
             ORDER BY waiting_since, id",
        )
        .fetch_all(&self.reader)
        .await?;
        let waiting = waiting
            .into_iter()
            .map(
                |(id, service, o1, o2, o3, from, to, persons, since, email, lang)| {
                    Ok(WaitingEntry {
                        id,
                        service,
                        offices: offices(o1, o2, o3),
                        date_from: rows::date(&from)?,
                        date_to: rows::date(&to)?,
                        persons: rows::small(persons, "persons")?,
                        waiting_since: rows::instant(since)?,
                        email,
                        lang,
                    })
                },
            )
            .collect::<StoreResult<Vec<_>>>()?;
        let offered: Vec<(String, i64)> = sqlx::query_as(
            "SELECT o.waitlist_id, o.slot_id FROM hold_offers o
             JOIN waitlist_entries w ON w.id = o.waitlist_id WHERE w.status = 'waiting'",
        )
        .fetch_all(&self.reader)
        .await?;
        let services: Vec<(i64, String)> =
            sqlx::query_as("SELECT office_id, service FROM office_services")
                .fetch_all(&self.reader)
                .await?;
        Ok(HoldCandidates {
            free,
            waiting,
            offered,
            services: services
                .into_iter()
                .map(|(office, service)| (OfficeId(office), service))
                .collect(),
        })
    }

    async fn place_hold(&self, hold: &NewHold) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await?;
        let now = rows::millis(hold.now);
        let until = rows::millis(hold.hold_until);
        let family = sqlx::query(
            "UPDATE waitlist_entries SET status = 'held' WHERE id = $1 AND status = 'waiting'",
        )
        .bind(&hold.waitlist_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if family != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        let persons = i64::from(hold.persons);
        // The whole row, or split: the rest stays in the pool for others.
        let whole = sqlx::query(
            "UPDATE freed_seats SET held_for = $1, hold_until = $2
             WHERE id = $3 AND held_for IS NULL AND seats = $4",
        )
        .bind(&hold.waitlist_id)
        .bind(until)
        .bind(hold.freed_id)
        .bind(persons)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if whole != 1 {
            let split = sqlx::query(
                "UPDATE freed_seats SET seats = seats - $1
                 WHERE id = $2 AND held_for IS NULL AND seats > $1",
            )
            .bind(persons)
            .bind(hold.freed_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if split != 1 {
                tx.rollback().await?;
                return Ok(false);
            }
            sqlx::query(
                "INSERT INTO freed_seats (slot_id, seats, freed_at, release_at, held_for, hold_until)
                 SELECT slot_id, $1, freed_at, release_at, $2, $3 FROM freed_seats WHERE id = $4",
            )
            .bind(persons)
            .bind(&hold.waitlist_id)
            .bind(until)
            .bind(hold.freed_id)
            .execute(&mut *tx)
            .await?;
        }
        let offer_id: i64 = sqlx::query_scalar(
            "INSERT INTO hold_offers (waitlist_id, slot_id, seats, offered_at, hold_until, outcome)
             VALUES ($1, $2, $3, $4, $5, 'open') RETURNING id",
        )
        .bind(&hold.waitlist_id)
        .bind(hold.slot_id)
        .bind(persons)
        .bind(now)
        .bind(until)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO fair_tokens (hash, subject, purpose, created_at)
             VALUES ($1, $2, 'hold_take', $3)",
        )
        .bind(&hold.take_token_hash)
        .bind(offer_id.to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        insert_outbox(&mut tx, &hold.outbox, hold.now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn lapsing_holds(&self, now: DateTime<Utc>) -> StoreResult<Vec<LapsingHold>> {
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

    async fn lapse_hold(
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

    async fn release_due(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<u64> {
        let due: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM freed_seats WHERE held_for IS NULL AND release_at <= $1
             ORDER BY release_at, id LIMIT $2",
        )
        .bind(rows::millis(now))
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await?;
        if due.is_empty() {
            return Ok(0);
        }
        let mut tx = self.writer.begin().await?;
        let mut released = 0;
        for id in due {
            // Single winner: of two instances deleting the same row, one gets it back.
            let gone: Option<(i64, i64)> = sqlx::query_as(
                "DELETE FROM freed_seats WHERE id = $1 AND held_for IS NULL RETURNING slot_id, seats",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((slot_id, seats)) = gone {
                sqlx::query("UPDATE slots SET taken = taken - $1 WHERE id = $2")
                    .bind(seats)
                    .bind(slot_id)
                    .execute(&mut *tx)
                    .await?;
                released += 1;
            }
        }
        tx.commit().await?;
        Ok(released)
    }

    async fn take_hold(&self, take: &TakeHold) -> StoreResult<TakeOutcome> {
        let mut tx = self.writer.begin().await?;
        let now = rows::millis(take.now);
        let taken: Option<(i64, i64)> = sqlx::query_as(
            "UPDATE hold_offers SET outcome = 'taken', closed_at = $2
             WHERE id = $1 AND outcome = 'open' AND hold_until > $2 RETURNING slot_id, seats",
        )
        .bind(take.offer_id)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((slot_id, seats)) = taken else {
            let outcome: Option<String> =
                sqlx::query_scalar("SELECT outcome FROM hold_offers WHERE id = $1")
                    .bind(take.offer_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let booking: Option<Option<String>> =
                sqlx::query_scalar("SELECT booking_id FROM waitlist_entries WHERE id = $1")
                    .bind(&take.waitlist_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            tx.rollback().await?;
            return Ok(match outcome.as_deref() {
                Some("taken") => TakeOutcome::AlreadyTaken(booking.flatten().map(BookingId)),
                _ => TakeOutcome::Expired,
            });
        };
        // The held seats become the booking's: they stay in `taken`, the row goes.
        let held = sqlx::query(
            "DELETE FROM freed_seats WHERE held_for = $1 AND slot_id = $2 AND seats = $3",
        )
        .bind(&take.waitlist_id)
        .bind(slot_id)
        .bind(seats)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if held != 1 {
            tx.rollback().await?;
            return Ok(TakeOutcome::Expired);
        }
        sqlx::query(
            "INSERT INTO bookings (id, office_id, slot_id, service, persons, status, created_at,
                 expires_at, confirmed_at, email_hash, email_enc, phone_enc, consent_at,
                 consent_policy, lang, origin)
             SELECT $1, s.office_id, s.id, w.service, w.persons, 'confirmed', $2, $2, $2,
                    w.email_hash, w.email_enc, w.phone_enc, w.consent_at, w.consent_policy,
                    w.lang, 'hold'
             FROM waitlist_entries w, slots s WHERE w.id = $3 AND s.id = $4",
        )
        .bind(&take.booking_id)
        .bind(now)
        .bind(&take.waitlist_id)
        .bind(slot_id)
        .execute(&mut *tx)
        .await?;
        let persons = sqlx::query(
            "INSERT INTO booking_persons (booking_id, position, last_name_enc, first_name_enc,
                 cnp_enc, cnp_hash, holds)
             SELECT $1, position, last_name_enc, first_name_enc, cnp_enc, cnp_hash, true
             FROM waitlist_persons WHERE entry_id = $2",
        )
        .bind(&take.booking_id)
        .bind(&take.waitlist_id)
        .execute(&mut *tx)
        .await;
        if let Err(error) = persons {
            if self.violates(
                &error,
                "booking_persons.cnp_hash",
                "booking_persons_one_active_per_cnp",
            ) {
                return Err(StoreError::CnpAlreadyBooked);
            }
            return Err(error.into());
        }
        sqlx::query(
            "INSERT INTO booking_tokens (hash, booking_id, purpose, created_at)
             VALUES ($1, $2, 'cancel', $3)",
        )
        .bind(&take.cancel_token_hash)
        .bind(&take.booking_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE waitlist_entries SET status = 'booked', booking_id = $2, closed_at = $3
             WHERE id = $1",
        )
        .bind(&take.waitlist_id)
        .bind(&take.booking_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE waitlist_persons SET active = false WHERE entry_id = $1")
            .bind(&take.waitlist_id)
            .execute(&mut *tx)
            .await?;
        insert_outbox(&mut tx, &take.outbox, take.now).await?;
        tx.commit().await?;
        Ok(TakeOutcome::Taken)
    }

    async fn end_waitlist_for_booking(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
    ) -> StoreResult<u64> {
        // Most bookers are on no waitlist: one read settles it without a write.
        let waiting: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM booking_persons b
             JOIN waitlist_persons w ON w.cnp_hash = b.cnp_hash AND w.active = true
             WHERE b.booking_id = $1",
        )
        .bind(booking_id)
        .fetch_one(&self.reader)
        .await?;
        if waiting == 0 {
            return Ok(0);
        }
        let mut tx = self.writer.begin().await?;
        let hashes: Vec<Vec<u8>> =
            sqlx::query_scalar("SELECT cnp_hash FROM booking_persons WHERE booking_id = $1")
                .bind(booking_id)
                .fetch_all(&mut *tx)
                .await?;
        let ended = end_for(&mut tx, &hashes, now).await?;
        tx.commit().await?;
        Ok(ended)
    }
}

/// Lapses pending entries past their time (one, or all that are due).
async fn lapse_pending(
    tx: &mut Transaction<'_, Any>,
    id: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let due: Vec<String> = match id {
        Some(id) => {
            sqlx::query_scalar(
                "UPDATE waitlist_entries SET status = 'lapsed', closed_at = $2
                 WHERE id = $1 AND status = 'pending' AND expires_at <= $2 RETURNING id",
            )
            .bind(id)
            .bind(rows::millis(now))
            .fetch_all(&mut **tx)
            .await?
        }
        None => {
            sqlx::query_scalar(
                "UPDATE waitlist_entries SET status = 'lapsed', closed_at = $1
                 WHERE status = 'pending' AND expires_at <= $1 RETURNING id",
            )
            .bind(rows::millis(now))
            .fetch_all(&mut **tx)
            .await?
        }
    };
    for id in &due {
        sqlx::query("UPDATE waitlist_persons SET active = false WHERE entry_id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(u64::try_from(due.len()).unwrap_or(0))
}
