//! Rows of the staff tables into records, written once for both backends: the columns
//! have the same names and decode to the same Rust types (BIGINT / INTEGER → i64).

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{AuditRecord, StaffSessionRecord, StaffUserRecord};
use crate::store::{StoreResult, rows};

/// The columns of `staff_users`, in the order the mappers below read them.
pub const USER_COLUMNS: &str = "u.id, u.username, u.password_hash, u.role, u.office_id, \
     u.created_at, u.password_changed_at, u.disabled_at, u.failed_logins, u.locked_until";

/// The columns of `staff_sessions`, aliased so they do not clash with the user's.
pub const SESSION_COLUMNS: &str = "s.id AS session_id, s.created_at AS session_created_at, \
     s.last_seen_at AS session_last_seen_at, s.expires_at AS session_expires_at";

pub fn user(row: &AnyRow) -> StoreResult<StaffUserRecord> {
    let optional_instant = |name: &str| -> StoreResult<_> {
        row.try_get::<Option<i64>, _>(name)?
            .map(rows::instant)
            .transpose()
    };
    Ok(StaffUserRecord {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        password_hash: row.try_get("password_hash")?,
        role: row.try_get("role")?,
        office_id: row.try_get("office_id")?,
        created_at: rows::instant(row.try_get("created_at")?)?,
        password_changed_at: rows::instant(row.try_get("password_changed_at")?)?,
        disabled_at: optional_instant("disabled_at")?,
        failed_logins: u32::try_from(row.try_get::<i64, _>("failed_logins")?).unwrap_or(u32::MAX),
        locked_until: optional_instant("locked_until")?,
    })
}

pub fn session(row: &AnyRow) -> StoreResult<StaffSessionRecord> {
    Ok(StaffSessionRecord {
        id: row.try_get("session_id")?,
        user_id: row.try_get("id")?,
        created_at: rows::instant(row.try_get("session_created_at")?)?,
        last_seen_at: rows::instant(row.try_get("session_last_seen_at")?)?,
        expires_at: rows::instant(row.try_get("session_expires_at")?)?,
    })
}

pub fn audit(row: &AnyRow) -> StoreResult<AuditRecord> {
    Ok(AuditRecord {
        id: row.try_get("id")?,
        at: rows::instant(row.try_get("at")?)?,
        actor: row.try_get("actor")?,
        actor_user_id: row.try_get("actor_user_id")?,
        action: row.try_get("action")?,
        office_id: row.try_get("office_id")?,
        target: row.try_get("target")?,
        before: row.try_get("before_json")?,
        after: row.try_get("after_json")?,
    })
}
