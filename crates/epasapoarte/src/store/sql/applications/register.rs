//! Registering an application — restriction check, number, row and first event in one
//! transaction, so nothing slips between the check and the write. Two registrations in
//! the same county and year queue on the counter's row (PostgreSQL's row lock, SQLite's
//! single writer) until the first commits, so serials never repeat.

use chrono::Datelike;
use epasapoarte_domain::application::{ApplicationNumber, ApplicationStatus};
use sqlx::{Any, Transaction};

use super::registry::restriction_in_force;
use crate::store::applications::rows::{self as app_rows, APPLICATION_COLUMNS, wide};
use crate::store::sql::SqlStore;
use crate::store::sql::staff::audit_change;
use crate::store::*;

impl SqlStore {
    pub(super) async fn register(
        &self,
        new: &NewApplication,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<Registration> {
        let mut tx = self.writer.begin().await?;
        if let Some(restriction) =
            restriction_in_force(&mut *tx, &new.cnp_hash, new.submitted_on).await?
        {
            return Ok(Registration::Restricted(restriction));
        }
        let number = next_number(&mut tx, &new.county_code, new.submitted_on.year()).await?;
        let inserted = insert_application(&mut tx, new, &number).await;
        let id = match inserted {
            Ok(id) => id,
            // The partial unique index on (booking_id, person_position) refused the row.
            Err(error)
                if self.violates(
                    &error,
                    "applications.booking_id",
                    "applications_one_per_booked_person",
                ) =>
            {
                return Ok(Registration::AlreadyRegistered);
            }
            Err(error) => return Err(error.into()),
        };
        sqlx::query(
            "INSERT INTO application_events (application_id, at, from_status, to_status, actor)
             VALUES ($1, $2, NULL, $3, $4)",
        )
        .bind(id)
        .bind(rows::millis(new.now))
        .bind(ApplicationStatus::INITIAL.as_str())
        .bind(&new.actor)
        .execute(&mut *tx)
        .await?;
        let row = sqlx::query(&format!(
            "SELECT {APPLICATION_COLUMNS} FROM applications WHERE id = $1"
        ))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let record = app_rows::application(&row)?;
        audit_change(
            self.backend,
            &mut tx,
            audit,
            Some(record.number.to_string()),
        )
        .await?;
        tx.commit().await?;
        Ok(Registration::Registered(Box::new(record)))
    }
}

/// Inserts the application row; the caller maps a refusal of the one-per-booked-person
/// index.
async fn insert_application(
    tx: &mut Transaction<'_, Any>,
    new: &NewApplication,
    number: &ApplicationNumber,
) -> Result<i64, sqlx::Error> {
    let (booking_id, position) = match &new.booking {
        Some((id, position)) => (Some(id.as_str()), Some(wide(*position))),
        None => (None, None),
    };
    let (pickup_office, pickup_place) = match &new.pickup {
        PickupPlace::Office(id) => (Some(*id), None),
        PickupPlace::Mission(place) => (None, Some(place.as_str())),
    };
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO applications (number, office_id, booking_id, person_position, passport_type,
             holder_category, cnp_enc, cnp_hash, cnp_last9_hash, last_name_enc, first_name_enc,
             email_enc, lang, fee_bani_due, receipt_number, receipt_amount_bani, pickup_office_id,
             pickup_place, courier, courier_address_enc, courier_fee_bani, status, submitted_on,
             created_at, updated_at, expiry_reminder)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
         RETURNING id",
    )
    .bind(number.to_string())
    .bind(new.office_id)
    .bind(booking_id)
    .bind(position)
    .bind(new.passport_type.as_str())
    .bind(new.holder_category.as_str())
    .bind(&new.cnp)
    .bind(&new.cnp_hash)
    .bind(&new.cnp_last9_hash)
    .bind(&new.last_name)
    .bind(&new.first_name)
    .bind(&new.email)
    .bind(&new.lang)
    .bind(wide(new.fee_due.as_u32()))
    .bind(&new.receipt_number)
    .bind(wide(new.receipt_amount.as_u32()))
    .bind(pickup_office)
    .bind(pickup_place)
    .bind(new.courier.is_some())
    .bind(new.courier.as_ref().map(|c| &c.address))
    .bind(wide(new.courier.as_ref().map_or(0, |c| c.fee.as_u32())))
    .bind(ApplicationStatus::INITIAL.as_str())
    .bind(rows::date_text(new.submitted_on))
    .bind(rows::millis(new.now))
    .bind(rows::millis(new.now))
    .bind(new.expiry_reminder)
    .fetch_one(&mut **tx)
    .await
}

/// Bumps the county's counter for the year (creating it at 1) and makes the number.
async fn next_number(
    tx: &mut Transaction<'_, Any>,
    county_code: &str,
    year: i32,
) -> StoreResult<ApplicationNumber> {
    let serial: i64 = sqlx::query_scalar(
        "INSERT INTO application_counters (county_code, year, last_serial) VALUES ($1, $2, 1)
         ON CONFLICT (county_code, year)
         DO UPDATE SET last_serial = application_counters.last_serial + 1
         RETURNING last_serial",
    )
    .bind(county_code)
    .bind(i64::from(year))
    .fetch_one(&mut **tx)
    .await?;
    let serial = u32::try_from(serial)
        .map_err(|_| StoreError::Corrupt(format!("application serial {serial}")))?;
    ApplicationNumber::new(county_code, year, serial).map_err(|error| {
        StoreError::Corrupt(format!(
            "application number {county_code}/{year}/{serial}: {error}"
        ))
    })
}
