//! The declarations' SQL, the same on both backends.

use async_trait::async_trait;
use chrono::Datelike;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::SqlStore;
use super::staff::audit_change;
use crate::ids::OfficeId;
use crate::store::rows;
use crate::store::*;

const COLUMNS: &str = "number, office_id, kind, cnp_enc, last_name_enc, first_name_enc, \
     passport_number_enc, occurred_on, place_enc, police_certificate, declared_at, declared_by";

fn record(row: &AnyRow) -> StoreResult<DeclarationRecord> {
    let kind: String = row.try_get("kind")?;
    Ok(DeclarationRecord {
        number: row.try_get("number")?,
        office_id: OfficeId(row.try_get("office_id")?),
        kind: kind
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("declaration kind {kind:?}")))?,
        cnp: row.try_get("cnp_enc")?,
        last_name: row.try_get("last_name_enc")?,
        first_name: row.try_get("first_name_enc")?,
        passport_number: row.try_get("passport_number_enc")?,
        occurred_on: rows::date(&row.try_get::<String, _>("occurred_on")?)?,
        place: row.try_get("place_enc")?,
        police_certificate: row.try_get("police_certificate")?,
        declared_at: rows::instant(row.try_get("declared_at")?)?,
        declared_by: row.try_get("declared_by")?,
    })
}

#[async_trait]
impl Declarations for SqlStore {
    async fn record_declaration(
        &self,
        new: &NewDeclaration,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<String> {
        let mut tx = self.writer.begin().await?;
        let year = new.declared_at.year();
        let serial: i64 = sqlx::query_scalar(
            "INSERT INTO declaration_counters (county_code, year, last_serial) VALUES ($1, $2, 1)
             ON CONFLICT (county_code, year)
             DO UPDATE SET last_serial = declaration_counters.last_serial + 1
             RETURNING last_serial",
        )
        .bind(&new.county_code)
        .bind(i64::from(year))
        .fetch_one(&mut *tx)
        .await?;
        let number = format!("{}-D-{year}-{serial:06}", new.county_code);
        sqlx::query(
            "INSERT INTO passport_declarations (number, office_id, kind, cnp_enc, cnp_hash,
                 last_name_enc, first_name_enc, passport_number_enc, occurred_on, place_enc,
                 police_certificate, declared_at, declared_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(&number)
        .bind(new.office_id)
        .bind(new.kind.as_str())
        .bind(&new.cnp)
        .bind(&new.cnp_hash)
        .bind(&new.last_name)
        .bind(&new.first_name)
        .bind(&new.passport_number)
        .bind(rows::date_text(new.occurred_on))
        .bind(&new.place)
        .bind(&new.police_certificate)
        .bind(rows::millis(new.declared_at))
        .bind(&new.declared_by)
        .execute(&mut *tx)
        .await?;
        audit_change(
            self.backend,
            &mut tx,
            audit,
            Some(format!("declaration:{number}")),
        )
        .await?;
        tx.commit().await?;
        Ok(number)
    }

    async fn declaration(&self, number: &str) -> StoreResult<Option<DeclarationRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM passport_declarations WHERE number = $1"
        ))
        .bind(number)
        .fetch_optional(&self.reader)
        .await?;
        row.as_ref().map(record).transpose()
    }

    async fn office_declarations(
        &self,
        office: OfficeId,
        limit: u32,
    ) -> StoreResult<Vec<DeclarationRecord>> {
        sqlx::query(&format!(
            "SELECT {COLUMNS} FROM passport_declarations WHERE office_id = $1
             ORDER BY declared_at DESC, id DESC LIMIT $2"
        ))
        .bind(office)
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(record)
        .collect()
    }

    async fn latest_declaration_for(
        &self,
        cnp_hash: &[u8],
    ) -> StoreResult<Option<DeclarationRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM passport_declarations WHERE cnp_hash = $1
             ORDER BY declared_at DESC, id DESC LIMIT 1"
        ))
        .bind(cnp_hash)
        .fetch_optional(&self.reader)
        .await?;
        row.as_ref().map(record).transpose()
    }
}
