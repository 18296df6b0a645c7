//! Entering a draw: refused once the draw ran, while a CNP cools off or holds a booking,
//! or when a CNP already entered; otherwise the entry, its persons, its confirmation
//! token and e-mail in one transaction.

use chrono::{DateTime, Utc};

use super::cooloff::{COOLING, HOLDING, count_matching};
use crate::store::rows;
use crate::store::sql::{SqlStore, insert_outbox};
use crate::store::*;

impl SqlStore {
    pub(super) async fn enter_draw(
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
}
