//! What the holds round works from: the free seats, the waiting families, the offers
//! already made and which office offers which service.

use chrono::{DateTime, Utc};

use super::rows::offices;
use crate::ids::OfficeId;
use crate::store::rows;
use crate::store::sql::SqlStore;
use crate::store::*;

impl SqlStore {
    pub(super) async fn candidates(&self, now: DateTime<Utc>) -> StoreResult<HoldCandidates> {
        type FreeRow = (i64, i64, i64, String, String, i64, i64, i64);
        let free: Vec<FreeRow> = sqlx::query_as(
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
}
