//! The schema migrations each backend carries (`migrations/sqlite`, `migrations/postgres`),
//! embedded in the binary by `sqlx::migrate!` so it runs from any directory. Applied in
//! order at start and by `epasapoarte migrate`; sqlx records each in `_sqlx_migrations`
//! with its checksum, so one edited after release is refused rather than half-applied.
//!
//! Databases created before sqlx kept the books recorded their migrations in a table of
//! their own, `schema_migrations`. Its rows are carried into `_sqlx_migrations` (with the
//! checksum of the same file) before sqlx looks, so such a database does not run 0001
//! again. The old table is left as it was, so an older binary still finds its migrations
//! applied; nothing reads it afterwards.

use anyhow::Context;
use sqlx::migrate::{Migrate, Migrator};
use sqlx::{AnyConnection, AnyPool};

static SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

/// Any number of instances may start at once; this lock makes them migrate one by one.
const MIGRATION_LOCK: i64 = 0x6570_6173_6d69_6772; // "epasmigr"

/// On the single writer connection, so nothing else writes meanwhile.
pub async fn run_sqlite(writer: &AnyPool) -> anyhow::Result<()> {
    let mut conn = writer.acquire().await?;
    let legacy =
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
    adopt_legacy(&mut conn, &SQLITE, legacy).await?;
    SQLITE
        .run_direct(&mut *conn)
        .await
        .context("migrating SQLite")
}

/// Under an advisory lock, on one connection: the first instance to start migrates, the
/// others wait and then find nothing to do.
pub async fn run_postgres(pool: &AnyPool) -> anyhow::Result<()> {
    let mut conn = pool.acquire().await?;
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(MIGRATION_LOCK)
        .execute(&mut *conn)
        .await?;
    let result = async {
        let legacy = "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'";
        adopt_legacy(&mut conn, &POSTGRES, legacy).await?;
        POSTGRES
            .run_direct(&mut *conn)
            .await
            .context("migrating PostgreSQL")
    }
    .await;
    sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(MIGRATION_LOCK)
        .execute(&mut *conn)
        .await?;
    result
}

/// Copies the versions `schema_migrations` lists into `_sqlx_migrations` (once: those
/// already there are skipped), with this binary's checksum of each.
async fn adopt_legacy(
    conn: &mut AnyConnection,
    migrator: &Migrator,
    legacy_exists: &str,
) -> anyhow::Result<()> {
    let exists: i64 = sqlx::query_scalar(legacy_exists)
        .fetch_one(&mut *conn)
        .await?;
    if exists == 0 {
        return Ok(());
    }
    conn.ensure_migrations_table().await?;
    let legacy: Vec<i64> = sqlx::query_scalar("SELECT version FROM schema_migrations")
        .fetch_all(&mut *conn)
        .await?;
    let adopted: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations")
        .fetch_all(&mut *conn)
        .await?;
    for version in legacy.into_iter().filter(|v| !adopted.contains(v)) {
        let migration = migrator
            .iter()
            .find(|m| m.version == version)
            .with_context(|| {
                format!("the database has migration {version}, unknown to this binary")
            })?;
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
             VALUES ($1, $2, TRUE, $3, 0)",
        )
        .bind(version)
        .bind(migration.description.as_ref())
        .bind(migration.checksum.as_ref())
        .execute(&mut *conn)
        .await?;
        tracing::info!(version, "migration adopted from schema_migrations");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use sqlx::Executor;

    use super::{POSTGRES, SQLITE};
    use crate::store::Database;
    use crate::store::sql::Backend;
    use crate::testing::TestDatabase;

    /// A database migrated by the binaries before `sqlx::migrate!` (its own
    /// `schema_migrations` table) starts under this one without running 0001 again.
    #[tokio::test]
    async fn a_database_migrated_the_old_way_is_adopted_not_migrated_again() {
        for db in TestDatabase::all() {
            let store = if db.url.starts_with("postgres") {
                crate::store::postgres::connect(&db.url).await.unwrap()
            } else {
                crate::store::sqlite::connect(&db.url).await.unwrap()
            };
            let migrator = match store.backend {
                Backend::Sqlite => &SQLITE,
                Backend::Postgres => &POSTGRES,
            };
            // What the old binaries did: each file, then a row in their own table.
            let mut conn = store.writer.acquire().await.unwrap();
            (&mut *conn)
                .execute(
                    "CREATE TABLE schema_migrations (
                     version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
                )
                .await
                .unwrap();
            for migration in migrator.iter() {
                (&mut *conn).execute(&*migration.sql).await.unwrap();
                sqlx::query(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, 0)",
                )
                .bind(migration.version)
                .bind(migration.description.as_ref())
                .execute(&mut *conn)
                .await
                .unwrap();
            }
            drop(conn);

            store.migrate().await.unwrap();
            store.migrate().await.unwrap();

            let recorded: Vec<i64> = sqlx::query_scalar(
                "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
            )
            .fetch_all(&store.reader)
            .await
            .unwrap();
            let carried: Vec<i64> = migrator.iter().map(|m| m.version).collect();
            assert_eq!(recorded, carried, "{}", db.url);
        }
    }
}
