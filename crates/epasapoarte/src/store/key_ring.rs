//! The database's keys as the store sees them (issue 13 item 2): the sealed hash key
//! (`key_ring`), and every column that holds a value sealed with `Crypto::seal`, so that
//! `epasapoarte rotate-key` can seal each again under a new master key.
//!
//! [`SEALED_TABLES`] is the one list of those columns. A new sealed column belongs here
//! (the rotation test scans every table of this list, and a sealed column missing from it
//! would stay under the old key and become unreadable after the rotation). Hashes
//! (`*_hash`), tokens, session ids and draw seeds are not sealed and are not listed.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

/// How a table's rows are named: its primary key, a text column, an integer column, or a
/// text column then an integer one (a person of a booking: `booking_id, position`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKey {
    Text(&'static str),
    Integer(&'static str),
    TextInteger(&'static str, &'static str),
}

/// One table's sealed columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SealedTable {
    pub table: &'static str,
    pub key: RowKey,
    pub columns: &'static [&'static str],
}

/// Every sealed column of the schema. Tables whose rows are copied into others come first
/// (draw entries and waitlist entries become bookings by `INSERT … SELECT`), so a copy
/// made while a rotation runs is of a value already sealed again, or lands in a table not
/// yet visited; `rotate-key` then checks everything once more.
pub const SEALED_TABLES: &[SealedTable] = &[
    SealedTable {
        table: "key_ring",
        key: RowKey::Integer("id"),
        columns: &["hash_key_sealed"],
    },
    SealedTable {
        table: "draw_entries",
        key: RowKey::Text("id"),
        columns: &["email_enc", "phone_enc"],
    },
    SealedTable {
        table: "draw_entry_persons",
        key: RowKey::TextInteger("entry_id", "position"),
        columns: &["last_name_enc", "first_name_enc", "cnp_enc"],
    },
    SealedTable {
        table: "waitlist_entries",
        key: RowKey::Text("id"),
        columns: &["email_enc", "phone_enc"],
    },
    SealedTable {
        table: "waitlist_persons",
        key: RowKey::TextInteger("entry_id", "position"),
        columns: &["last_name_enc", "first_name_enc", "cnp_enc"],
    },
    SealedTable {
        table: "bookings",
        key: RowKey::Text("id"),
        columns: &["email_enc", "phone_enc"],
    },
    SealedTable {
        table: "booking_persons",
        key: RowKey::TextInteger("booking_id", "position"),
        columns: &["last_name_enc", "first_name_enc", "cnp_enc"],
    },
    SealedTable {
        table: "outbox",
        key: RowKey::Integer("id"),
        columns: &["payload"],
    },
    SealedTable {
        table: "applications",
        key: RowKey::Integer("id"),
        columns: &[
            "cnp_enc",
            "last_name_enc",
            "first_name_enc",
            "email_enc",
            "courier_address_enc",
        ],
    },
    SealedTable {
        table: "restrictions",
        key: RowKey::Integer("id"),
        columns: &["cnp_enc"],
    },
    SealedTable {
        table: "passport_declarations",
        key: RowKey::Integer("id"),
        columns: &[
            "cnp_enc",
            "last_name_enc",
            "first_name_enc",
            "passport_number_enc",
            "place_enc",
        ],
    },
    SealedTable {
        table: "expiry_reminders",
        key: RowKey::Integer("application_id"),
        columns: &["email_enc"],
    },
];

/// A row's key as read: the text part (empty for an integer key) and the integer part (0
/// for a text key). Ordered as the table's key is, so it pages the table.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct RowId {
    pub text: String,
    pub number: i64,
}

/// One row's sealed values, in the order of [`SealedTable::columns`]; `None` for NULL.
/// An empty value is a purged one (retention), not a sealed one.
#[derive(Debug, Clone)]
pub struct SealedRow {
    pub id: RowId,
    pub values: Vec<Option<Vec<u8>>>,
}

/// One value to replace: `column` (an index into [`SealedTable::columns`]) of row `id`
/// becomes `new` if it still holds `old` — a value changed meanwhile (purged, replaced by
/// a running instance, which seals under the new key) is left as it is.
#[derive(Debug, Clone)]
pub struct SealedChange {
    pub id: RowId,
    pub column: usize,
    pub old: Vec<u8>,
    pub new: Vec<u8>,
}

#[async_trait]
pub trait KeyRing: Send + Sync + 'static {
    /// The sealed hash key, if the database has one yet.
    async fn sealed_hash_key(&self) -> StoreResult<Option<Vec<u8>>>;
    /// Records `sealed` as the sealed hash key unless there is one; returns the recorded
    /// one (this, or the first instance's).
    async fn record_hash_key(&self, sealed: &[u8], now: DateTime<Utc>) -> StoreResult<Vec<u8>>;
    /// Up to `limit` rows of `table` after `after` (all rows from the start if `None`),
    /// in key order.
    async fn sealed_rows(
        &self,
        table: &SealedTable,
        after: Option<&RowId>,
        limit: u32,
    ) -> StoreResult<Vec<SealedRow>>;
    /// Applies `changes` to `table` in one transaction; returns, for each, whether it was
    /// made (false: the value had changed meanwhile).
    async fn replace_sealed(
        &self,
        table: &SealedTable,
        changes: &[SealedChange],
    ) -> StoreResult<Vec<bool>>;
    /// Replaces the key check value `old` by `new` (the end of a rotation); false if the
    /// recorded value was not `old`.
    async fn replace_key_check(&self, old: &[u8], new: &[u8]) -> StoreResult<bool>;
}
