//! Counties, offices with their schedules, and slots.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Backend, SLOTS_PER_STATEMENT, SqlStore, value_rows};
use crate::ids::OfficeId;
use crate::store::rows::{self, ExceptionRow, HoursRow};
use crate::store::*;
use epasapoarte_domain::schedule::{DateException, ExceptionHours, OpeningInterval};

#[async_trait]
impl Catalog for SqlStore {
    async fn upsert_counties(&self, counties: &[(&str, &str)]) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        for (code, name) in counties {
            sqlx::query("INSERT INTO counties (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = excluded.name")
                .bind(code)
                .bind(name)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn counties(&self) -> StoreResult<Vec<(String, String)>> {
        let rows = sqlx::query("SELECT code, name FROM counties ORDER BY name")
            .fetch_all(&self.reader)
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("code")?, row.try_get("name")?)))
            .collect()
    }

    async fn insert_office(&self, office: &NewOffice) -> StoreResult<OfficeId> {
        let mut tx = self.writer.begin().await?;
        let existing: Option<OfficeId> =
            sqlx::query_scalar("SELECT id FROM offices WHERE county_code = $1 AND name = $2")
                .bind(&office.county_code)
                .bind(&office.name)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(id) = existing {
            return Ok(id);
        }
        let id: OfficeId = sqlx::query_scalar(
            "INSERT INTO offices (county_code, name, address, timezone, max_persons, horizon_days)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&office.county_code)
        .bind(&office.name)
        .bind(&office.address)
        .bind(office.timezone.name())
        .bind(i64::from(office.max_persons))
        .bind(i64::from(office.horizon_days))
        .fetch_one(&mut *tx)
        .await?;
        for service in &office.services {
            sqlx::query("INSERT INTO office_services (office_id, service) VALUES ($1, $2)")
                .bind(id)
                .bind(service.as_str())
                .execute(&mut *tx)
                .await?;
        }
        insert_weekly_hours(&mut tx, id, office.schedule.weekly()).await?;
        for exception in office.schedule.exceptions() {
            insert_exception(&mut tx, id, exception).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    async fn offices(&self) -> StoreResult<Vec<OfficeRecord>> {
        let offices = sqlx::query("SELECT id, county_code, name, address, timezone, max_persons, horizon_days FROM offices ORDER BY id")
            .fetch_all(&self.reader)
            .await?;
        let services = sqlx::query("SELECT office_id, service FROM office_services")
            .fetch_all(&self.reader)
            .await?;
        let hours = sqlx::query("SELECT office_id, weekday, start_time, end_time, slot_minutes, counters FROM office_hours")
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(|row| {
                Ok(HoursRow {
                    office_id: row.try_get("office_id")?,
                    weekday: row.try_get("weekday")?,
                    start: row.try_get("start_time")?,
                    end: row.try_get("end_time")?,
                    slot_minutes: row.try_get("slot_minutes")?,
                    counters: row.try_get("counters")?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let exceptions = sqlx::query(
            "SELECT e.office_id, e.date, e.closed, h.start_time, h.end_time, h.slot_minutes, h.counters
             FROM office_exceptions e
             LEFT JOIN office_exception_hours h ON h.office_id = e.office_id AND h.date = e.date",
        )
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(exception_row)
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        offices
            .iter()
            .map(|row| {
                let id: OfficeId = row.try_get("id")?;
                let services = services
                    .iter()
                    .filter(|s| s.try_get::<OfficeId, _>("office_id").ok() == Some(id))
                    .map(|s| {
                        let name: String = s.try_get("service")?;
                        name.parse()
                            .map_err(|_| StoreError::Corrupt(format!("service {name:?}")))
                    })
                    .collect::<StoreResult<Vec<_>>>()?;
                office_record(row, services, rows::schedule(id, &hours, &exceptions)?)
            })
            .collect()
    }

    async fn plan_slots(&self, office_id: OfficeId, slots: &[PlannedSlot]) -> StoreResult<u64> {
        let mut created = 0;
        let mut tx = self.writer.begin().await?;
        // Many slots to a statement: 90 days of an office in a few round trips.
        for chunk in slots.chunks(SLOTS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO slots (office_id, date, time, starts_at, capacity) VALUES {}
                 ON CONFLICT (office_id, date, time) DO NOTHING",
                value_rows(1, chunk.len(), 5)
            );
            let mut query = sqlx::query(&sql).persistent(false);
            for slot in chunk {
                query = query
                    .bind(office_id)
                    .bind(rows::date_text(slot.date))
                    .bind(rows::time_text(slot.time))
                    .bind(rows::millis(slot.starts_at))
                    .bind(i64::from(slot.capacity));
            }
            created += query.execute(&mut *tx).await?.rows_affected();
        }
        tx.commit().await?;
        Ok(created)
    }

    async fn slots(
        &self,
        office_id: OfficeId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<SlotSeats>> {
        sqlx::query(
            "SELECT office_id, date, time, starts_at, capacity, taken FROM slots
             WHERE office_id = $1 AND starts_at >= $2 AND starts_at < $3 ORDER BY starts_at",
        )
        .bind(office_id)
        .bind(rows::millis(from))
        .bind(rows::millis(to))
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(slot_seats)
        .collect()
    }

    async fn first_free_slots(
        &self,
        office_ids: &[OfficeId],
        persons: u16,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<SlotSeats>> {
        if office_ids.is_empty() {
            return Ok(Vec::new());
        }
        let (from, to, persons) = (rows::millis(from), rows::millis(to), i64::from(persons));
        // One indexed probe per office on (office_id, starts_at): it finds the first free
        // slot without reading the office's whole horizon.
        let found = match self.backend {
            // PostgreSQL: all the probes in one round trip.
            Backend::Postgres => {
                let sql = format!(
                    "SELECT s.office_id, s.date, s.time, s.starts_at, s.capacity, s.taken
                     FROM (VALUES {}) AS o (id)
                     CROSS JOIN LATERAL (
                         SELECT * FROM slots
                         WHERE office_id = o.id AND starts_at >= $1 AND starts_at < $2 AND capacity - taken >= $3
                         ORDER BY starts_at LIMIT 1
                     ) s",
                    value_rows(4, office_ids.len(), 1)
                );
                let mut query = sqlx::query(&sql).bind(from).bind(to).bind(persons);
                for id in office_ids {
                    query = query.bind(id);
                }
                query.fetch_all(&self.reader).await?
            }
            // SQLite has no LATERAL; a probe costs no network trip.
            Backend::Sqlite => {
                let mut found = Vec::with_capacity(office_ids.len());
                for office_id in office_ids {
                    let row = sqlx::query(
                        "SELECT office_id, date, time, starts_at, capacity, taken FROM slots
                         WHERE office_id = $1 AND starts_at >= $2 AND starts_at < $3 AND capacity - taken >= $4
                         ORDER BY starts_at LIMIT 1",
                    )
                    .bind(office_id)
                    .bind(from)
                    .bind(to)
                    .bind(persons)
                    .fetch_optional(&self.reader)
                    .await?;
                    found.extend(row);
                }
                found
            }
        };
        let mut found = found
            .iter()
            .map(slot_seats)
            .collect::<StoreResult<Vec<_>>>()?;
        found.sort_by_key(|slot| (slot.starts_at, slot.office_id));
        Ok(found)
    }
}

fn exception_row(row: &AnyRow) -> Result<ExceptionRow, sqlx::Error> {
    let start: Option<String> = row.try_get("start_time")?;
    Ok(ExceptionRow {
        office_id: row.try_get("office_id")?,
        date: row.try_get("date")?,
        closed: rows::flag(row, "closed")?,
        hours: match start {
            Some(start) => Some((
                start,
                row.try_get("end_time")?,
                row.try_get("slot_minutes")?,
                row.try_get("counters")?,
            )),
            None => None,
        },
    })
}

fn office_record(
    row: &AnyRow,
    services: Vec<epasapoarte_domain::passport::PassportType>,
    schedule: epasapoarte_domain::schedule::Schedule,
) -> StoreResult<OfficeRecord> {
    let timezone: String = row.try_get("timezone")?;
    Ok(OfficeRecord {
        id: row.try_get("id")?,
        county_code: row.try_get("county_code")?,
        name: row.try_get("name")?,
        address: row.try_get("address")?,
        timezone: timezone
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("time zone {timezone:?}")))?,
        max_persons: u8::try_from(row.try_get::<i64, _>("max_persons")?).unwrap_or(1),
        horizon_days: u32::try_from(row.try_get::<i64, _>("horizon_days")?).unwrap_or(90),
        services,
        schedule,
    })
}

pub(super) fn slot_seats(row: &AnyRow) -> StoreResult<SlotSeats> {
    Ok(SlotSeats {
        office_id: row.try_get("office_id")?,
        date: rows::date(&row.try_get::<String, _>("date")?)?,
        time: rows::time(&row.try_get::<String, _>("time")?)?,
        starts_at: rows::instant(row.try_get("starts_at")?)?,
        capacity: rows::small(row.try_get("capacity")?, "capacity")?,
        taken: rows::small(row.try_get("taken")?, "taken")?,
    })
}

/// Writes an office's weekly intervals (a new office; the hours page, after clearing them).
pub(super) async fn insert_weekly_hours(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    office_id: OfficeId,
    weekly: impl IntoIterator<Item = OpeningInterval>,
) -> StoreResult<()> {
    for interval in weekly {
        sqlx::query(
            "INSERT INTO office_hours (office_id, weekday, start_time, end_time, slot_minutes, counters)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(office_id)
        .bind(i64::from(interval.weekday.number_from_monday()))
        .bind(rows::time_text(interval.start))
        .bind(rows::time_text(interval.end))
        .bind(i64::from(interval.slot_minutes))
        .bind(i64::from(interval.counters))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Writes one date exception: closed, or its special hours.
pub(super) async fn insert_exception(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    office_id: OfficeId,
    exception: &DateException,
) -> StoreResult<()> {
    let special = match &exception.hours {
        ExceptionHours::Closed => &[][..],
        ExceptionHours::Special(intervals) => &intervals[..],
    };
    let date = rows::date_text(exception.date);
    sqlx::query("INSERT INTO office_exceptions (office_id, date, closed) VALUES ($1, $2, $3)")
        .bind(office_id)
        .bind(&date)
        .bind(special.is_empty())
        .execute(&mut **tx)
        .await?;
    for interval in special {
        sqlx::query(
            "INSERT INTO office_exception_hours (office_id, date, start_time, end_time, slot_minutes, counters)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(office_id)
        .bind(&date)
        .bind(rows::time_text(interval.start))
        .bind(rows::time_text(interval.end))
        .bind(i64::from(interval.slot_minutes))
        .bind(i64::from(interval.counters))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
