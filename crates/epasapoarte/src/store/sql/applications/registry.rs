//! The API tokens of other systems and the restrictions registry.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Any;

use crate::ids::TokenHash;
use crate::store::applications::rows::{self as app_rows, RESTRICTION_COLUMNS, TOKEN_COLUMNS};
use crate::store::sql::SqlStore;
use crate::store::sql::staff::audit_change;
use crate::store::*;

impl SqlStore {
    pub(super) async fn insert_token(
        &self,
        name: &str,
        token_hash: &TokenHash,
        now: DateTime<Utc>,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<Option<i64>> {
        let mut tx = self.writer.begin().await?;
        // A taken name inserts nothing and returns no row; a hash collision of two random
        // 192-bit tokens is not a case to handle.
        let id = sqlx::query_scalar(
            "INSERT INTO api_tokens (name, token_hash, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO NOTHING RETURNING id",
        )
        .bind(name)
        .bind(token_hash)
        .bind(rows::millis(now))
        .fetch_optional(&mut *tx)
        .await?;
        if id.is_some() {
            audit_change(self.backend, &mut tx, audit, None).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    pub(super) async fn token_by_hash(
        &self,
        token_hash: &TokenHash,
    ) -> StoreResult<Option<ApiTokenRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(&self.reader)
        .await?;
        row.as_ref().map(app_rows::api_token).transpose()
    }

    pub(super) async fn all_tokens(&self) -> StoreResult<Vec<ApiTokenRecord>> {
        sqlx::query(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens ORDER BY name"
        ))
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(app_rows::api_token)
        .collect()
    }

    pub(super) async fn revoke_token(
        &self,
        name: &str,
        now: DateTime<Utc>,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await?;
        let revoked = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL",
        )
        .bind(rows::millis(now))
        .bind(name)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if revoked == 1 {
            audit_change(self.backend, &mut tx, audit, None).await?;
        }
        tx.commit().await?;
        Ok(revoked == 1)
    }

    pub(super) async fn insert_restriction(
        &self,
        new: &NewRestriction,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<i64> {
        let mut tx = self.writer.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO restrictions (cnp_hash, cnp_enc, legal_basis, starts_on, ends_on, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&new.cnp_hash)
        .bind(&new.cnp)
        .bind(&new.legal_basis)
        .bind(rows::date_text(new.starts_on))
        .bind(rows::date_text(new.ends_on))
        .bind(&new.created_by)
        .bind(rows::millis(new.now))
        .fetch_one(&mut *tx)
        .await?;
        audit_change(
            self.backend,
            &mut tx,
            audit,
            Some(format!("restriction:{id}")),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub(super) async fn lift(
        &self,
        id: i64,
        by: &str,
        now: DateTime<Utc>,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await?;
        let lifted = sqlx::query(
            "UPDATE restrictions SET lifted_at = $1, lifted_by = $2 WHERE id = $3 AND lifted_at IS NULL",
        )
        .bind(rows::millis(now))
        .bind(by)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if lifted == 1 {
            audit_change(self.backend, &mut tx, audit, None).await?;
        }
        tx.commit().await?;
        Ok(lifted == 1)
    }

    pub(super) async fn all_restrictions(&self) -> StoreResult<Vec<RestrictionRecord>> {
        sqlx::query(&format!(
            "SELECT {RESTRICTION_COLUMNS} FROM restrictions ORDER BY created_at DESC, id DESC"
        ))
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(app_rows::restriction)
        .collect()
    }
}

/// The CNP's restriction in force on `on`, if any: started, not past its end date, not
/// lifted. Ending "by itself" is this condition; no job has to run for it.
pub(super) async fn restriction_in_force<'e, E>(
    executor: E,
    cnp_hash: &[u8],
    on: NaiveDate,
) -> StoreResult<Option<RestrictionRecord>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let day = rows::date_text(on);
    let row = sqlx::query(&format!(
        "SELECT {RESTRICTION_COLUMNS} FROM restrictions
         WHERE cnp_hash = $1 AND lifted_at IS NULL AND starts_on <= $2 AND ends_on >= $3
         ORDER BY created_at DESC, id DESC LIMIT 1"
    ))
    .bind(cnp_hash)
    .bind(&day)
    .bind(&day)
    .fetch_optional(executor)
    .await?;
    row.as_ref().map(app_rows::restriction).transpose()
}
