//! Decoding the waitlist's rows: an entry with its sealed persons, the seats of a hold.

use crate::ids::{BookingId, OfficeId};
use crate::store::rows;
use crate::store::sql::SqlStore;
use crate::store::*;

pub(super) type EntryRow = (
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

pub(super) const ENTRY_COLUMNS: &str = "w.id, w.status, w.service, w.office_1, w.office_2, w.office_3, \
     w.date_from, w.date_to, w.expires_at, w.waiting_since, w.booking_id, w.email_enc, w.lang";

pub(super) fn offices(first: i64, second: Option<i64>, third: Option<i64>) -> Vec<OfficeId> {
    std::iter::once(first)
        .chain(second)
        .chain(third)
        .map(OfficeId)
        .collect()
}

pub(super) fn entry(row: EntryRow, persons: Vec<SealedPerson>) -> StoreResult<WaitlistRecord> {
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

pub(super) type SlotRow = (i64, i64, String, String, i64);

pub(super) fn held(slot: SlotRow, seats: i64, hold_until: i64) -> StoreResult<HeldSeats> {
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
    pub(super) async fn sealed_persons(
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
