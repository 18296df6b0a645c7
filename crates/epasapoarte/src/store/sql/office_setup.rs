//! Office setup and re-planning, each save one transaction; the planned slots go in many
//! to a statement rather than one round trip per slot.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use epasapoarte_domain::schedule::{DateException, OpeningInterval};
use sqlx::{Any, Row, Transaction};

use super::offices::{insert_exception, insert_weekly_hours};
use super::staff::audit_change;
use super::{SLOTS_PER_STATEMENT, SqlStore, value_rows};
use crate::ids::{BookingId, OfficeId};
use crate::store::rows;
use crate::store::*;

type Tx<'a> = Transaction<'a, Any>;

#[async_trait]
impl OfficeSetup for SqlStore {
    async fn save_weekly_hours(
        &self,
        office_id: OfficeId,
        weekly: &[OpeningInterval],
        replan: &Replan,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query("DELETE FROM office_hours WHERE office_id = $1")
            .bind(office_id)
            .execute(&mut *tx)
            .await?;
        insert_weekly_hours(&mut tx, office_id, weekly.iter().copied()).await?;
        replan_in(&mut tx, office_id, replan).await?;
        audit_change(self.backend, &mut tx, audit, None).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn add_exception(
        &self,
        office_id: OfficeId,
        exception: &DateException,
        replan: &Replan,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        insert_exception(&mut tx, office_id, exception).await?;
        replan_in(&mut tx, office_id, replan).await?;
        audit_change(self.backend, &mut tx, audit, None).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn remove_exception(
        &self,
        office_id: OfficeId,
        date: NaiveDate,
        replan: &Replan,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await?;
        let date = rows::date_text(date);
        sqlx::query("DELETE FROM office_exception_hours WHERE office_id = $1 AND date = $2")
            .bind(office_id)
            .bind(&date)
            .execute(&mut *tx)
            .await?;
        let removed =
            sqlx::query("DELETE FROM office_exceptions WHERE office_id = $1 AND date = $2")
                .bind(office_id)
                .bind(&date)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if removed == 0 {
            return Ok(false);
        }
        replan_in(&mut tx, office_id, replan).await?;
        audit_change(self.backend, &mut tx, audit, None).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn save_office_settings(
        &self,
        office_id: OfficeId,
        settings: &OfficeSettings,
        replan: &Replan,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query("UPDATE offices SET max_persons = $1, horizon_days = $2 WHERE id = $3")
            .bind(i64::from(settings.max_persons))
            .bind(i64::from(settings.horizon_days))
            .bind(office_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM office_services WHERE office_id = $1")
            .bind(office_id)
            .execute(&mut *tx)
            .await?;
        for service in &settings.services {
            sqlx::query("INSERT INTO office_services (office_id, service) VALUES ($1, $2)")
                .bind(office_id)
                .bind(service.as_str())
                .execute(&mut *tx)
                .await?;
        }
        replan_in(&mut tx, office_id, replan).await?;
        audit_change(self.backend, &mut tx, audit, None).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn replan_conflicts(
        &self,
        office_id: OfficeId,
        from: DateTime<Utc>,
    ) -> StoreResult<Vec<ReplanConflict>> {
        let sql = conflicts_sql(|n| format!("${n}"));
        sqlx::query(&sql)
            .bind(office_id)
            .bind(rows::millis(from))
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(|row| {
                let status: String = row.try_get("status")?;
                Ok(ReplanConflict {
                    booking_id: row.try_get("id")?,
                    date: rows::date(&row.try_get::<String, _>("date")?)?,
                    time: rows::time(&row.try_get::<String, _>("time")?)?,
                    starts_at: rows::instant(row.try_get("starts_at")?)?,
                    status: status
                        .parse()
                        .map_err(|_| StoreError::Corrupt(format!("booking status {status:?}")))?,
                    persons: rows::small(row.try_get("persons")?, "persons")?,
                    scheduled: rows::small(row.try_get("scheduled")?, "scheduled")?,
                    taken: rows::small(row.try_get("taken")?, "taken")?,
                })
            })
            .collect()
    }

    async fn keep_booking(
        &self,
        office_id: OfficeId,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await?;
        let kept = sqlx::query(
            "UPDATE bookings SET kept_at = $1 WHERE id = $2 AND office_id = $3
             AND status IN ('pending', 'confirmed') AND kept_at IS NULL",
        )
        .bind(rows::millis(now))
        .bind(booking_id)
        .bind(office_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if kept == 1 {
            audit_change(self.backend, &mut tx, audit, None).await?;
        }
        tx.commit().await?;
        Ok(kept == 1)
    }
}

/// Sets every future slot to the new schedule: first all of them to nothing (holding only
/// their seats), then the planned ones to their capacity — never below their seats.
async fn replan_in(tx: &mut Tx<'_>, office_id: OfficeId, replan: &Replan) -> StoreResult<()> {
    sqlx::query(
        "UPDATE slots SET scheduled = 0, capacity = taken WHERE office_id = $1 AND starts_at >= $2",
    )
    .bind(office_id)
    .bind(rows::millis(replan.from))
    .execute(&mut **tx)
    .await?;
    for chunk in replan.planned.chunks(SLOTS_PER_STATEMENT) {
        // CASE rather than GREATEST (PostgreSQL) or MAX (SQLite): both read it the same.
        let sql = format!(
            "INSERT INTO slots (office_id, date, time, starts_at, capacity, scheduled) VALUES {}
             ON CONFLICT (office_id, date, time) DO UPDATE
             SET scheduled = excluded.scheduled,
                 capacity = CASE WHEN excluded.capacity > slots.taken THEN excluded.capacity ELSE slots.taken END",
            value_rows(1, chunk.len(), 6)
        );
        let mut query = sqlx::query(&sql).persistent(false);
        for slot in chunk {
            let capacity = i64::from(slot.capacity);
            query = query
                .bind(office_id)
                .bind(rows::date_text(slot.date))
                .bind(rows::time_text(slot.time))
                .bind(rows::millis(slot.starts_at))
                .bind(capacity)
                .bind(capacity);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}
