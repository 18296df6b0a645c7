//! SQLite: staff accounts, sessions, login throttling and the audit log.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::SqliteStore;
use crate::store::staff::mapping::{self, SESSION_COLUMNS, USER_COLUMNS};
use crate::store::*;

#[async_trait]
impl Staff for SqliteStore {
    async fn insert_staff_user(&self, user: &NewStaffUser) -> StoreResult<Option<i64>> {
        let result = sqlx::query_scalar(
            "INSERT INTO staff_users (username, password_hash, role, office_id, created_at, password_changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5) RETURNING id",
        )
        .bind(&user.username)
        .bind(&user.password_hash)
        .bind(&user.role)
        .bind(user.office_id)
        .bind(rows::millis(user.created_at))
        .fetch_one(&self.writer)
        .await;
        match result {
            Ok(id) => Ok(Some(id)),
            Err(sqlx::Error::Database(db)) if db.message().contains("staff_users.username") => {
                Ok(None)
            }
            Err(error) => Err(error.into()),
        }
    }

    async fn staff_user(&self, id: i64) -> StoreResult<Option<StaffUserRecord>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM staff_users u WHERE u.id = ?");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.reader)
            .await?;
        row.as_ref().map(mapping::user).transpose()
    }

    async fn staff_user_by_username(&self, username: &str) -> StoreResult<Option<StaffUserRecord>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM staff_users u WHERE u.username = ?");
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

    async fn record_failed_login(
        &self,
        user_id: i64,
        lock_after: u32,
        lock_until: DateTime<Utc>,
    ) -> StoreResult<bool> {
        // One statement: concurrent failures cannot both read the same count.
        let locked: Option<Option<i64>> = sqlx::query_scalar(
            "UPDATE staff_users SET
                 failed_logins = CASE WHEN failed_logins + 1 >= ?1 THEN 0 ELSE failed_logins + 1 END,
                 locked_until = CASE WHEN failed_logins + 1 >= ?1 THEN ?2 ELSE locked_until END
             WHERE id = ?3
             RETURNING CASE WHEN failed_logins = 0 THEN locked_until END",
        )
        .bind(i64::from(lock_after))
        .bind(rows::millis(lock_until))
        .bind(user_id)
        .fetch_optional(&self.writer)
        .await?;
        Ok(matches!(locked, Some(Some(_))))
    }

    async fn clear_failed_logins(&self, user_id: i64) -> StoreResult<()> {
        sqlx::query("UPDATE staff_users SET failed_logins = 0, locked_until = NULL WHERE id = ? AND (failed_logins <> 0 OR locked_until IS NOT NULL)")
            .bind(user_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn set_password_hash(
        &self,
        user_id: i64,
        password_hash: &str,
        now: DateTime<Utc>,
        keep_session: &[u8],
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        let changed = sqlx::query(
            "UPDATE staff_users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
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
        sqlx::query("DELETE FROM staff_sessions WHERE user_id = ? AND id <> ?")
            .bind(user_id)
            .bind(keep_session)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn record_address_failure(
        &self,
        ip_hash: &[u8],
        now: DateTime<Utc>,
        prune_before: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query("DELETE FROM staff_login_failures WHERE at < ?")
            .bind(rows::millis(prune_before))
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO staff_login_failures (ip_hash, at) VALUES (?, ?)")
            .bind(ip_hash)
            .bind(rows::millis(now))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn address_failures_since(
        &self,
        ip_hash: &[u8],
        since: DateTime<Utc>,
    ) -> StoreResult<u32> {
        let count: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM staff_login_failures WHERE ip_hash = ? AND at >= ?",
        )
        .bind(ip_hash)
        .bind(rows::millis(since))
        .fetch_one(&self.reader)
        .await?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    async fn create_staff_session(&self, session: &NewStaffSession) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO staff_sessions (id, user_id, created_at, last_seen_at, expires_at)
             VALUES (?1, ?2, ?3, ?3, ?4)",
        )
        .bind(&session.id)
        .bind(session.user_id)
        .bind(rows::millis(session.created_at))
        .bind(rows::millis(session.expires_at))
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    async fn staff_session(
        &self,
        id: &[u8],
    ) -> StoreResult<Option<(StaffSessionRecord, StaffUserRecord)>> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS}, {USER_COLUMNS}
             FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id WHERE s.id = ?"
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
        sqlx::query("UPDATE staff_sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?")
            .bind(rows::millis(now))
            .bind(id)
            .bind(rows::millis(now))
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn delete_staff_session(&self, id: &[u8]) -> StoreResult<()> {
        sqlx::query("DELETE FROM staff_sessions WHERE id = ?")
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn delete_stale_staff_sessions(
        &self,
        now: DateTime<Utc>,
        idle_before: DateTime<Utc>,
    ) -> StoreResult<u64> {
        let deleted =
            sqlx::query("DELETE FROM staff_sessions WHERE expires_at <= ? OR last_seen_at < ?")
                .bind(rows::millis(now))
                .bind(rows::millis(idle_before))
                .execute(&self.writer)
                .await?
                .rows_affected();
        Ok(deleted)
    }

    async fn append_audit(&self, entry: &NewAuditEntry) -> StoreResult<i64> {
        let mut conn = self.writer.acquire().await?;
        append_audit_in(&mut conn, entry).await
    }

    async fn audit_entries(
        &self,
        filter: &AuditFilter,
        limit: u32,
    ) -> StoreResult<Vec<AuditRecord>> {
        let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT id, at, actor, actor_user_id, action, office_id, target, before_json, after_json
             FROM audit_log WHERE 1 = 1",
        );
        if let Some(actor) = &filter.actor {
            query.push(" AND actor = ").push_bind(actor.clone());
        }
        if let Some(action) = &filter.action {
            query.push(" AND action = ").push_bind(action.clone());
        }
        if let Some(office) = filter.office_id {
            query.push(" AND office_id = ").push_bind(office);
        }
        if let Some(from) = filter.from {
            query.push(" AND at >= ").push_bind(rows::millis(from));
        }
        if let Some(to) = filter.to {
            query.push(" AND at < ").push_bind(rows::millis(to));
        }
        if let Some(before) = filter.before_id {
            query.push(" AND id < ").push_bind(before);
        }
        query
            .push(" ORDER BY id DESC LIMIT ")
            .push_bind(i64::from(limit));
        let rows = query.build().fetch_all(&self.reader).await?;
        rows.iter().map(mapping::audit).collect()
    }
}

/// Appends an audit line on a connection the caller holds — inside the caller's own
/// transaction, so a change and its trail commit together (or not at all).
pub(crate) async fn append_audit_in(
    conn: &mut SqliteConnection,
    entry: &NewAuditEntry,
) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO audit_log (at, actor, actor_user_id, action, office_id, target, before_json, after_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
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
