//! Report counts and lead-time samples. Office ids travel as one list (`IN (…)`), so a
//! report over every office is two queries, not two per office.

use async_trait::async_trait;
use chrono::NaiveDate;

use super::{SqlStore, placeholders};
use crate::ids::OfficeId;
use crate::store::reports::{COUNTS_SQL, decode_counts, decode_lead, sample_hour};
use crate::store::rows;
use crate::store::*;

#[async_trait]
impl Reports for SqlStore {
    async fn day_counts(
        &self,
        office_ids: &[OfficeId],
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<DayCounts>> {
        if office_ids.is_empty() {
            return decode_counts(Vec::new(), Vec::new());
        }
        let (from, to) = (rows::date_text(from), rows::date_text(to));
        let offices = placeholders(3, office_ids.len());
        let offered_sql = format!(
            "SELECT office_id, date, CAST(SUM(capacity) AS BIGINT) FROM slots
             WHERE office_id IN ({offices}) AND date >= $1 AND date <= $2
             GROUP BY office_id, date ORDER BY office_id, date"
        );
        let mut offered = sqlx::query_as(&offered_sql)
            .persistent(false)
            .bind(&from)
            .bind(&to);
        let booked_sql = format!(
            "SELECT s.office_id, s.date, {COUNTS_SQL}
             FROM slots s JOIN bookings b ON b.slot_id = s.id
             WHERE s.office_id IN ({offices}) AND s.date >= $1 AND s.date <= $2
             GROUP BY s.office_id, s.date ORDER BY s.office_id, s.date"
        );
        let mut booked = sqlx::query_as(&booked_sql)
            .persistent(false)
            .bind(&from)
            .bind(&to);
        for id in office_ids {
            offered = offered.bind(id);
            booked = booked.bind(id);
        }
        let offered = offered.fetch_all(&self.reader).await?;
        let booked = booked.fetch_all(&self.reader).await?;
        decode_counts(offered, booked)
    }

    async fn record_lead_times(&self, samples: &[LeadTimeSample]) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        for sample in samples {
            sqlx::query(
                "INSERT INTO lead_time_samples (office_id, hour, sampled_at, date, days)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (office_id, hour) DO UPDATE SET
                     sampled_at = excluded.sampled_at, date = excluded.date, days = excluded.days
                 WHERE excluded.sampled_at >= lead_time_samples.sampled_at",
            )
            .bind(sample.office_id)
            .bind(sample_hour(sample.at))
            .bind(rows::millis(sample.at))
            .bind(rows::date_text(sample.date))
            .bind(sample.days.map(i64::from))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn lead_time_days(
        &self,
        office_id: OfficeId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<LeadTimeDay>> {
        let found = sqlx::query_as(
            "SELECT office_id, date, CAST(MAX(days) AS BIGINT),
                    CAST(SUM(CASE WHEN days IS NULL THEN 1 ELSE 0 END) AS BIGINT)
             FROM lead_time_samples
             WHERE office_id = $1 AND date >= $2 AND date <= $3
             GROUP BY office_id, date ORDER BY date",
        )
        .bind(office_id)
        .bind(rows::date_text(from))
        .bind(rows::date_text(to))
        .fetch_all(&self.reader)
        .await?;
        decode_lead(found)
    }
}
