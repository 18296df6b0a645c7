//! Joining the waitlist: the entry, its persons (one active entry per CNP), the confirm
//! token and the e-mail in one transaction.

use crate::store::rows;
use crate::store::sql::{SqlStore, insert_outbox};
use crate::store::*;

impl SqlStore {
    pub(super) async fn join(&self, entry: &NewWaitlistEntry) -> StoreResult<()> {
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
}
