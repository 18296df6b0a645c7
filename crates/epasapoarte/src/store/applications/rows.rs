//! Reading application, token and restriction rows, shared by both backends: the two
//! schemas have the same columns, so one generic reader per table serves both, and the
//! column lists below are the ones both backends' queries select.

use epasapoarte_domain::application::{ApplicationNumber, ApplicationStatus};
use epasapoarte_domain::passport::Bani;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::records::*;
use crate::ids::OfficeId;
use crate::store::{StoreError, StoreResult, rows};

/// The columns [`application`] reads, in `SELECT` order.
pub const APPLICATION_COLUMNS: &str = "id, number, office_id, booking_id, person_position, \
     passport_type, holder_category, cnp_enc, cnp_hash, last_name_enc, first_name_enc, \
     email_enc, lang, fee_bani_due, receipt_number, receipt_amount_bani, pickup_office_id, \
     pickup_place, courier, courier_address_enc, courier_fee_bani, status, rejection_reason, \
     submitted_on, created_at, updated_at, purged_at, expiry_reminder";

/// The columns [`restriction`] reads.
pub const RESTRICTION_COLUMNS: &str =
    "id, cnp_enc, cnp_hash, legal_basis, starts_on, ends_on, created_by, created_at, lifted_at";

/// The columns [`api_token`] reads.
pub const TOKEN_COLUMNS: &str = "id, name, created_at, revoked_at";

fn parsed<T: std::str::FromStr>(text: &str, what: &str) -> StoreResult<T> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("{what} {text:?}")))
}

fn bani(value: i64, what: &str) -> StoreResult<Bani> {
    u32::try_from(value)
        .map(Bani)
        .map_err(|_| StoreError::Corrupt(format!("{what} {value}")))
}

fn position(value: i64) -> StoreResult<u32> {
    u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("person_position {value}")))
}

pub fn application(row: &AnyRow) -> StoreResult<ApplicationRecord> {
    let number: String = row.try_get("number")?;
    let booking_id: Option<String> = row.try_get("booking_id")?;
    let person: Option<i64> = row.try_get("person_position")?;
    let booking = match (booking_id, person) {
        (Some(id), Some(position)) => Some((id, self::position(position)?)),
        _ => None,
    };
    let pickup_office: Option<OfficeId> = row.try_get("pickup_office_id")?;
    let pickup_place: Option<String> = row.try_get("pickup_place")?;
    let pickup = match (pickup_office, pickup_place) {
        (Some(office), _) => PickupPlace::Office(office),
        (None, Some(place)) => PickupPlace::Mission(place),
        (None, None) => return Err(StoreError::Corrupt(format!("pickup of {number}"))),
    };
    let courier_address: Option<Vec<u8>> = row.try_get("courier_address_enc")?;
    let courier = match (rows::flag(row, "courier")?, courier_address) {
        (true, Some(address)) => Some(Courier {
            address,
            fee: bani(row.try_get("courier_fee_bani")?, "courier_fee_bani")?,
        }),
        _ => None,
    };
    Ok(ApplicationRecord {
        id: row.try_get("id")?,
        number: parsed::<ApplicationNumber>(&number, "application number")?,
        office_id: row.try_get("office_id")?,
        booking,
        passport_type: parsed(&row.try_get::<String, _>("passport_type")?, "passport type")?,
        holder_category: parsed(
            &row.try_get::<String, _>("holder_category")?,
            "holder category",
        )?,
        cnp: row.try_get("cnp_enc")?,
        cnp_hash: row.try_get("cnp_hash")?,
        last_name: row.try_get("last_name_enc")?,
        first_name: row.try_get("first_name_enc")?,
        email: row.try_get("email_enc")?,
        lang: row.try_get("lang")?,
        fee_due: bani(row.try_get("fee_bani_due")?, "fee_bani_due")?,
        receipt_number: row.try_get("receipt_number")?,
        receipt_amount: bani(row.try_get("receipt_amount_bani")?, "receipt_amount_bani")?,
        pickup,
        courier,
        status: status(&row.try_get::<String, _>("status")?)?,
        rejection_reason: row.try_get("rejection_reason")?,
        expiry_reminder: rows::flag(row, "expiry_reminder")?,
        submitted_on: rows::date(&row.try_get::<String, _>("submitted_on")?)?,
        created_at: rows::instant(row.try_get("created_at")?)?,
        updated_at: rows::instant(row.try_get("updated_at")?)?,
        purged: row.try_get::<Option<i64>, _>("purged_at")?.is_some(),
    })
}

pub fn status(text: &str) -> StoreResult<ApplicationStatus> {
    parsed(text, "application status")
}

pub fn event(row: &AnyRow) -> StoreResult<ApplicationEvent> {
    let from: Option<String> = row.try_get("from_status")?;
    Ok(ApplicationEvent {
        at: rows::instant(row.try_get("at")?)?,
        from: from.as_deref().map(status).transpose()?,
        to: status(&row.try_get::<String, _>("to_status")?)?,
        actor: row.try_get("actor")?,
        reason: row.try_get("reason")?,
    })
}

pub fn api_token(row: &AnyRow) -> StoreResult<ApiTokenRecord> {
    let revoked_at: Option<i64> = row.try_get("revoked_at")?;
    Ok(ApiTokenRecord {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        created_at: rows::instant(row.try_get("created_at")?)?,
        revoked_at: revoked_at.map(rows::instant).transpose()?,
    })
}

pub fn restriction(row: &AnyRow) -> StoreResult<RestrictionRecord> {
    let lifted_at: Option<i64> = row.try_get("lifted_at")?;
    Ok(RestrictionRecord {
        id: row.try_get("id")?,
        cnp: row.try_get("cnp_enc")?,
        cnp_hash: row.try_get("cnp_hash")?,
        legal_basis: row.try_get("legal_basis")?,
        starts_on: rows::date(&row.try_get::<String, _>("starts_on")?)?,
        ends_on: rows::date(&row.try_get::<String, _>("ends_on")?)?,
        created_by: row.try_get("created_by")?,
        created_at: rows::instant(row.try_get("created_at")?)?,
        lifted_at: lifted_at.map(rows::instant).transpose()?,
    })
}

/// A 1-based position or an amount in bani as the `i64` both schemas store.
pub fn wide(value: u32) -> i64 {
    i64::from(value)
}
