//! The activity hours' SQL, the same on both backends.

use async_trait::async_trait;
use chrono::Weekday;
use epasapoarte_domain::schedule::ActivityDay;

use super::SqlStore;
use super::staff::audit_change;
use crate::ids::OfficeId;
use crate::store::rows;
use crate::store::*;

fn weekday(number: i64) -> StoreResult<Weekday> {
    u8::try_from(number)
        .ok()
        .and_then(|n| Weekday::try_from(n.wrapping_sub(1)).ok())
        .ok_or_else(|| StoreError::Corrupt(format!("weekday {number}")))
}

#[async_trait]
impl Activities for SqlStore {
    async fn activity_hours(&self) -> StoreResult<ActivityHours> {
        let set: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM offices WHERE activity_hours_set = 1")
                .fetch_all(&self.reader)
                .await?;
        let rows: Vec<(i64, String, i64, String, String)> = sqlx::query_as(
            "SELECT office_id, activity, weekday, start_time, end_time FROM office_activity_hours
             ORDER BY office_id, activity, weekday",
        )
        .fetch_all(&self.reader)
        .await?;
        let days = rows
            .into_iter()
            .map(|(office, activity, day, start, end)| {
                Ok((
                    OfficeId(office),
                    ActivityDay {
                        activity: activity
                            .parse()
                            .map_err(|_| StoreError::Corrupt(format!("activity {activity:?}")))?,
                        weekday: weekday(day)?,
                        start: rows::time(&start)?,
                        end: rows::time(&end)?,
                    },
                ))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(ActivityHours {
            set: set.into_iter().map(OfficeId).collect(),
            days,
        })
    }

    async fn save_activity_hours(
        &self,
        office: OfficeId,
        days: &[ActivityDay],
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query("DELETE FROM office_activity_hours WHERE office_id = $1")
            .bind(office)
            .execute(&mut *tx)
            .await?;
        for day in days {
            sqlx::query(
                "INSERT INTO office_activity_hours (office_id, activity, weekday, start_time, end_time)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(office)
            .bind(day.activity.as_str())
            .bind(i64::from(day.weekday.number_from_monday()))
            .bind(rows::time_text(day.start))
            .bind(rows::time_text(day.end))
            .execute(&mut *tx)
            .await?;
        }
        let updated = sqlx::query("UPDATE offices SET activity_hours_set = 1 WHERE id = $1")
            .bind(office)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        audit_change(self.backend, &mut tx, audit, None).await?;
        tx.commit().await?;
        Ok(())
    }
}
