//! The key ring and the rotation's reads and writes of sealed columns: the same SQL on
//! both backends. Table and column names come from [`SEALED_TABLES`] only, never from
//! input.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::Row;

use super::SqlStore;
use crate::store::key_ring::{KeyRing, RowId, RowKey, SealedChange, SealedRow, SealedTable};
use crate::store::{StoreResult, rows};

impl RowKey {
    /// The key's columns, for `SELECT` and `ORDER BY`.
    fn columns(self) -> String {
        match self {
            RowKey::Text(column) | RowKey::Integer(column) => column.to_owned(),
            RowKey::TextInteger(text, number) => format!("{text}, {number}"),
        }
    }

    /// `WHERE` text naming one row, its values bound from `$first` on.
    fn matches(self, first: usize) -> String {
        match self {
            RowKey::Text(column) | RowKey::Integer(column) => format!("{column} = ${first}"),
            RowKey::TextInteger(text, number) => {
                format!("{text} = ${first} AND {number} = ${}", first + 1)
            }
        }
    }

    /// `WHERE` text for the rows after one, its values bound from `$first` on.
    fn after(self, first: usize) -> String {
        match self {
            RowKey::Text(column) | RowKey::Integer(column) => format!("{column} > ${first}"),
            RowKey::TextInteger(text, number) => format!(
                "({text} > ${first} OR ({text} = ${first} AND {number} > ${}))",
                first + 1
            ),
        }
    }

    /// How many values the key has.
    fn width(self) -> usize {
        match self {
            RowKey::Text(_) | RowKey::Integer(_) => 1,
            RowKey::TextInteger(..) => 2,
        }
    }
}

/// Binds a row's key values in the order [`RowKey::matches`] and [`RowKey::after`] use.
fn bind_id<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    key: RowKey,
    id: &RowId,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    match key {
        RowKey::Text(_) => query.bind(id.text.clone()),
        RowKey::Integer(_) => query.bind(id.number),
        RowKey::TextInteger(..) => query.bind(id.text.clone()).bind(id.number),
    }
}

#[async_trait]
impl KeyRing for SqlStore {
    async fn sealed_hash_key(&self) -> StoreResult<Option<Vec<u8>>> {
        Ok(
            sqlx::query_scalar("SELECT hash_key_sealed FROM key_ring WHERE id = 1")
                .fetch_optional(&self.writer)
                .await?,
        )
    }

    async fn record_hash_key(&self, sealed: &[u8], now: DateTime<Utc>) -> StoreResult<Vec<u8>> {
        // Two instances starting at once: one row wins, both read it back.
        sqlx::query(
            "INSERT INTO key_ring (id, hash_key_sealed, created_at) VALUES (1, $1, $2)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(sealed.to_vec())
        .bind(rows::millis(now))
        .execute(&self.writer)
        .await?;
        Ok(
            sqlx::query_scalar("SELECT hash_key_sealed FROM key_ring WHERE id = 1")
                .fetch_one(&self.writer)
                .await?,
        )
    }

    async fn sealed_rows(
        &self,
        table: &SealedTable,
        after: Option<&RowId>,
        limit: u32,
    ) -> StoreResult<Vec<SealedRow>> {
        let key = table.key;
        let filter = match after {
            Some(_) => format!("WHERE {}", key.after(1)),
            None => String::new(),
        };
        let sql = format!(
            "SELECT {keys}, {columns} FROM {table} {filter} ORDER BY {keys} LIMIT ${limit}",
            keys = key.columns(),
            columns = table.columns.join(", "),
            table = table.table,
            limit = if after.is_some() { key.width() + 1 } else { 1 },
        );
        let mut query = sqlx::query(&sql);
        if let Some(after) = after {
            query = bind_id(query, key, after);
        }
        let found = query.bind(i64::from(limit)).fetch_all(&self.reader).await?;
        found
            .iter()
            .map(|row| {
                let id = match key {
                    RowKey::Text(_) => RowId {
                        text: row.try_get(0)?,
                        number: 0,
                    },
                    RowKey::Integer(_) => RowId {
                        text: String::new(),
                        number: row.try_get(0)?,
                    },
                    RowKey::TextInteger(..) => RowId {
                        text: row.try_get(0)?,
                        number: row.try_get(1)?,
                    },
                };
                let values = (0..table.columns.len())
                    .map(|i| row.try_get::<Option<Vec<u8>>, _>(key.width() + i))
                    .collect::<Result<_, _>>()?;
                Ok(SealedRow { id, values })
            })
            .collect()
    }

    async fn replace_sealed(
        &self,
        table: &SealedTable,
        changes: &[SealedChange],
    ) -> StoreResult<Vec<bool>> {
        let mut tx = self.writer.begin().await?;
        let mut made = Vec::with_capacity(changes.len());
        for change in changes {
            let column = table.columns[change.column];
            let sql = format!(
                "UPDATE {table} SET {column} = $1 WHERE {column} = $2 AND {key}",
                table = table.table,
                key = table.key.matches(3),
            );
            let query = sqlx::query(&sql)
                .bind(change.new.clone())
                .bind(change.old.clone());
            let done = bind_id(query, table.key, &change.id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            made.push(done == 1);
        }
        tx.commit().await?;
        Ok(made)
    }

    async fn replace_key_check(&self, old: &[u8], new: &[u8]) -> StoreResult<bool> {
        sqlx::query("UPDATE key_check SET value = $1 WHERE id = 1 AND value = $2")
            .bind(new.to_vec())
            .bind(old.to_vec())
            .execute(&self.writer)
            .await?;
        let recorded: Option<Vec<u8>> =
            sqlx::query_scalar("SELECT value FROM key_check WHERE id = 1")
                .fetch_optional(&self.writer)
                .await?;
        Ok(recorded.as_deref() == Some(new))
    }
}
