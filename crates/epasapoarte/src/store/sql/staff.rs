//! Staff accounts, sessions, login throttling and the audit log.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::any::AnyArguments;
use sqlx::{Any, AnyConnection, Arguments, Encode, Type};

use super::{Backend, SqlStore};
use crate::store::staff::mapping::{self, SESSION_COLUMNS, USER_COLUMNS};
use crate::store::*;

#[async_trait]
impl Staff for SqlStore {
    async fn insert_staff_user(
        &self,
        user: &NewStaffUser,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<Option<i64>> {
        let mut tx = self.writer.begin().await?;
        let result: Result<i64, sqlx::Error> = sqlx::query_scalar(
            "INSERT INTO staff_users (username, password_hash, role, office_id, created_at, password_changed_at)
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
        )
        .bind(&user.username)
        .bind(&user.password_hash)
        .bind(&user.role)
        .bind(user.office_id)
        .bind(rows::millis(user.created_at))
        .fetch_one(&mut *tx)
        .await;
        match result {
            Ok(id) => {
                audit_change(self.backend, &mut tx, audit, Some(format!("user:{id}"))).await?;
                tx.commit().await?;
                Ok(Some(id))
            }
            Err(error)
                if self.violates(
                    &error,
                    "staff_users.username",
                    "staff_users_username_unique",
                ) =>
            {
                Ok(None)
            }
            Err(error) => Err(error.into()),
        }
    }

    async fn staff_user(&self, id: i64) -> StoreResult<Option<StaffUserRecord>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM staff_users u WHERE u.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.reader)
            .await?;
        row.as_ref().map(mapping::user).transpose()
    }

    async fn staff_user_by_username(&self, username: &str) -> StoreResult<Option<StaffUserRecord>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM staff_users u WHERE u.username = $1");
        let row = sqlx::query(&sql)
            .bind(username)
            .fetch_optional(&self.reader)
            .await?;
        row.as_ref().map(mapping::user).transpose()
    }

    async fn staff_users(&self) -> StoreResult<Vec<StaffUserRecord>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM staff_users u ORDER BY u.username");
        let rows = sqlx::query(&sql).fetch_all(&self.reader).await?;
        rows.iter().map(mapping::user).collect()
    }

    async fn set_password_hash(
        &self,
        user_id: i64,
        password_hash: &str,
        now: DateTime<Utc>,
        keep_session: &[u8],
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        let changed = sqlx::query(
            "UPDATE staff_users SET password_hash = $1, password_changed_at = $2 WHERE id = $3",
        )
        .bind(password_hash)
        .bind(rows::millis(now))
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM staff_sessions WHERE user_id = $1 AND id <> $2")
            .bind(user_id)
            .bind(keep_session)
            .execute(&mut *tx)
            .await?;
        audit_change(self.backend, &mut tx, audit, None).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_staff_disabled(
        &self,
        user_id: i64,
        at: Option<DateTime<Utc>>,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        let changed = sqlx::query("UPDATE staff_users SET disabled_at = $1 WHERE id = $2")
            .bind(at.map(rows::millis))
            .bind(user_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        if at.is_some() {
            sqlx::query("DELETE FROM staff_sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
        audit_change(self.backend, &mut tx, audit, None).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn record_login_failure(
        &self,
        subject_hash: &[u8],
        ip_hash: &[u8],
        now: DateTime<Utc>,
        prune_before: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query("DELETE FROM staff_login_failures WHERE at < $1")
            .bind(rows::millis(prune_before))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO staff_login_failures (subject_hash, ip_hash, at) VALUES ($1, $2, $3)",
        )
        .bind(subject_hash)
        .bind(ip_hash)
        .bind(rows::millis(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn login_failures(
        &self,
        subject_hash: &[u8],
        ip_hash: &[u8],
        since: DateTime<Utc>,
    ) -> StoreResult<crate::staff::LoginFailures> {
        // One read for the three tallies; the OR keeps it on the two indexes.
        type Tallies = (i64, Option<i64>, i64, Option<i64>, i64, Option<i64>);
        let row: Tallies = sqlx::query_as(
            "SELECT
                 COALESCE(SUM(CASE WHEN subject_hash = $1 AND ip_hash = $2 THEN 1 ELSE 0 END), 0),
                 MAX(CASE WHEN subject_hash = $1 AND ip_hash = $2 THEN at END),
                 COALESCE(SUM(CASE WHEN subject_hash = $1 THEN 1 ELSE 0 END), 0),
                 MAX(CASE WHEN subject_hash = $1 THEN at END),
                 COALESCE(SUM(CASE WHEN ip_hash = $2 THEN 1 ELSE 0 END), 0),
                 MAX(CASE WHEN ip_hash = $2 THEN at END)
             FROM staff_login_failures
             WHERE at >= $3 AND (subject_hash = $1 OR ip_hash = $2)",
        )
        .bind(subject_hash)
        .bind(ip_hash)
        .bind(rows::millis(since))
        .fetch_one(&self.reader)
        .await?;
        let tally = |count: i64, last: Option<i64>| -> StoreResult<crate::staff::Tally> {
            Ok(crate::staff::Tally {
                count: u32::try_from(count).unwrap_or(u32::MAX),
                last: last.map(rows::instant).transpose()?,
            })
        };
        Ok(crate::staff::LoginFailures {
            pair: tally(row.0, row.1)?,
            account: tally(row.2, row.3)?,
            address: tally(row.4, row.5)?,
        })
    }

    async fn clear_login_failures(&self, subject_hash: &[u8]) -> StoreResult<()> {
        sqlx::query("DELETE FROM staff_login_failures WHERE subject_hash = $1")
            .bind(subject_hash)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn create_staff_session(
        &self,
        session: &NewStaffSession,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "INSERT INTO staff_sessions (id, user_id, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(&session.id)
        .bind(session.user_id)
        .bind(rows::millis(session.created_at))
        .bind(rows::millis(session.expires_at))
        .execute(&mut *tx)
        .await?;
        audit_change(self.backend, &mut tx, audit, None).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn staff_session(
        &self,
        id: &[u8],
    ) -> StoreResult<Option<(StaffSessionRecord, StaffUserRecord)>> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS}, {USER_COLUMNS}
             FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id WHERE s.id = $1"
        );
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.reader)
            .await?;
        match row {
            Some(row) => Ok(Some((mapping::session(&row)?, mapping::user(&row)?))),
            None => Ok(None),
        }
    }

    async fn touch_staff_session(&self, id: &[u8], now: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query(
            "UPDATE staff_sessions SET last_seen_at = $1 WHERE id = $2 AND last_seen_at < $1",
        )
        .bind(rows::millis(now))
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    async fn delete_staff_session(
        &self,
        id: &[u8],
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query("DELETE FROM staff_sessions WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        audit_change(self.backend, &mut tx, audit, None).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn delete_stale_staff_sessions(
        &self,
        now: DateTime<Utc>,
        idle_before: DateTime<Utc>,
    ) -> StoreResult<u64> {
        let deleted =
            sqlx::query("DELETE FROM staff_sessions WHERE expires_at <= $1 OR last_seen_at < $2")
                .bind(rows::millis(now))
                .bind(rows::millis(idle_before))
                .execute(&self.writer)
                .await?
                .rows_affected();
        Ok(deleted)
    }

    async fn append_audit(&self, entry: &NewAuditEntry) -> StoreResult<i64> {
        let mut conn = self.writer.acquire().await?;
        append_audit_in(self.backend, &mut conn, entry).await
    }

    async fn audit_entries(
        &self,
        filter: &AuditFilter,
        limit: u32,
    ) -> StoreResult<Vec<AuditRecord>> {
        // CAST: PostgreSQL keeps the JSON as jsonb, SQLite as text; both read back text.
        let mut sql = String::from(
            "SELECT id, at, actor, actor_user_id, action, office_id, target,
                    CAST(before_json AS TEXT) AS before_json, CAST(after_json AS TEXT) AS after_json
             FROM audit_log WHERE 1 = 1",
        );
        let mut args = AnyArguments::default();
        if let Some(actor) = &filter.actor {
            sql += &format!(" AND actor = {}", bind(&mut args, actor.clone())?);
        }
        if let Some(action) = &filter.action {
            sql += &format!(" AND action = {}", bind(&mut args, action.clone())?);
        }
        if let Some(office) = filter.office_id {
            sql += &format!(" AND office_id = {}", bind(&mut args, office)?);
        }
        if let Some(from) = filter.from {
            sql += &format!(" AND at >= {}", bind(&mut args, rows::millis(from))?);
        }
        if let Some(to) = filter.to {
            sql += &format!(" AND at < {}", bind(&mut args, rows::millis(to))?);
        }
        if let Some(before) = filter.before_id {
            sql += &format!(" AND id < {}", bind(&mut args, before)?);
        }
        sql += &format!(
            " ORDER BY id DESC LIMIT {}",
            bind(&mut args, i64::from(limit))?
        );
        let rows = sqlx::query_with(&sql, args).fetch_all(&self.reader).await?;
        rows.iter().map(mapping::audit).collect()
    }
}

/// Adds `value` to `args`; gives its placeholder.
fn bind<'q, T: Encode<'q, Any> + Type<Any> + 'q>(
    args: &mut AnyArguments<'q>,
    value: T,
) -> StoreResult<String> {
    args.add(value)
        .map_err(|error| StoreError::Corrupt(format!("binding a filter: {error}")))?;
    Ok(format!("${}", args.len()))
}

/// Writes a change's audit line, if it has one, in the change's transaction. A line whose
/// target is left empty names the record the change created (`created`): its number or
/// id exists only once the change is made.
pub(crate) async fn audit_change(
    backend: Backend,
    conn: &mut AnyConnection,
    audit: Option<&NewAuditEntry>,
    created: Option<String>,
) -> StoreResult<()> {
    let Some(entry) = audit else {
        return Ok(());
    };
    match (&entry.target, created) {
        (None, Some(created)) => {
            let entry = NewAuditEntry {
                target: Some(created),
                ..entry.clone()
            };
            append_audit_in(backend, conn, &entry).await?;
        }
        _ => {
            append_audit_in(backend, conn, entry).await?;
        }
    }
    Ok(())
}

/// Appends an audit line on a connection the caller holds — inside the caller's own
/// transaction, so a change and its trail commit together (or not at all).
pub(crate) async fn append_audit_in(
    backend: Backend,
    conn: &mut AnyConnection,
    entry: &NewAuditEntry,
) -> StoreResult<i64> {
    // PostgreSQL stores the JSON as jsonb, parsed from the text; SQLite keeps the text.
    let sql = match backend {
        Backend::Sqlite => {
            "INSERT INTO audit_log (at, actor, actor_user_id, action, office_id, target, before_json, after_json)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
        }
        Backend::Postgres => {
            "INSERT INTO audit_log (at, actor, actor_user_id, action, office_id, target, before_json, after_json)
             VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb) RETURNING id"
        }
    };
    let id = sqlx::query_scalar(sql)
        .bind(rows::millis(entry.at))
        .bind(&entry.actor)
        .bind(entry.actor_user_id)
        .bind(&entry.action)
        .bind(entry.office_id)
        .bind(&entry.target)
        .bind(&entry.before)
        .bind(&entry.after)
        .fetch_one(conn)
        .await?;
    Ok(id)
}
