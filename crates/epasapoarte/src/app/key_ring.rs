//! The keys of one database at start (issue 13 item 2): the key check
//! ([`super::key_check`]), then the database's hash key from `key_ring`, sealed under the
//! master key. A database without one (from before key rotation) gets the hash key it has
//! always had — derived from its master key — so no stored hash changes; a rotation then
//! seals it again under the new master key and it stays the same for good.

use anyhow::anyhow;
use chrono::{DateTime, Utc};

use super::key_check::{self, DatabaseKey};
use crate::config::SecretKey;
use crate::crypto::{Crypto, HashKey};
use crate::store::Store;

/// The refusal when the stored hash key opens with neither key: a key ring sealed again
/// by `rotate-key` and an instance still on the old key only.
pub const UNREADABLE: &str = "the database's hash key (table key_ring) opens with neither \
    EPAS_SECRET_KEY nor EPAS_PREVIOUS_SECRET_KEY: refusing to start. During a key rotation \
    every instance runs with the new key and the previous one (README, \"Backups and the \
    key\").";

/// Checks the keys against the database and builds its `Crypto`: sealing under
/// `current`, opening with `current` or `previous`, hashing with the database's hash key.
pub async fn open(
    store: &(impl Store + ?Sized),
    current: &SecretKey,
    previous: Option<&SecretKey>,
    now: DateTime<Utc>,
) -> anyhow::Result<Crypto> {
    let database_key = key_check::verify(store, current, previous, now).await?;
    let owner = match database_key {
        DatabaseKey::Current => current,
        DatabaseKey::Previous => previous.unwrap_or(current),
    };
    if previous.is_some() {
        match database_key {
            DatabaseKey::Previous => tracing::info!(
                "key rotation: the database is still on the previous key; run \
                 `epasapoarte rotate-key`"
            ),
            DatabaseKey::Current => tracing::info!(
                "key rotation: the database is on the new key; EPAS_PREVIOUS_SECRET_KEY \
                 may be removed once rotate-key has finished"
            ),
        }
    }
    let sealed = match store.sealed_hash_key().await? {
        Some(sealed) => sealed,
        None => {
            // Sealed under the database's key, so instances on that key alone (a rotation
            // not yet run) still open it.
            let fresh = Crypto::new(owner).seal(HashKey::derived(owner).expose());
            store.record_hash_key(&fresh, now).await?
        }
    };
    let opener = Crypto::with_hash_key(current, previous, &HashKey::derived(current));
    let hash_key = opener
        .open(&sealed)
        .ok()
        .and_then(|bytes| HashKey::from_slice(&bytes))
        .ok_or_else(|| anyhow!(UNREADABLE))?;
    Ok(Crypto::with_hash_key(current, previous, &hash_key))
}

/// Rows per transaction in [`rotate`].
pub const ROTATION_BATCH: u32 = 256;

/// At most this many passes over all tables: the first seals everything again; a later
/// one finds only values copied or written under the old key meanwhile.
const MAX_PASSES: u32 = 4;

/// What a rotation did, per table of
/// [`SEALED_TABLES`](crate::store::key_ring::SEALED_TABLES); never a value.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rotation {
    /// Rows with at least one value sealed again under the new key.
    pub resealed: std::collections::BTreeMap<&'static str, u64>,
    /// Values that open with neither key (found by the last pass).
    pub unreadable: std::collections::BTreeMap<&'static str, u64>,
    pub passes: u32,
    /// The last pass still found values under the old key only: something writes with
    /// the old key alone.
    pub still_changing: bool,
}

impl Rotation {
    pub fn unreadable_values(&self) -> u64 {
        self.unreadable.values().sum()
    }
}

/// Seals every sealed value of the database again under `crypto`'s current key (those
/// that open with its previous key; those that open with the current one already are left
/// alone), a batch of rows per transaction, each value replaced only if unchanged since
/// it was read: safe while instances with both keys serve, and resumable.
pub async fn rotate(
    store: &(impl Store + ?Sized),
    crypto: &Crypto,
    batch: u32,
) -> anyhow::Result<Rotation> {
    use crate::crypto::Reseal;
    use crate::store::key_ring::{SEALED_TABLES, SealedChange};

    let mut rotation = Rotation::default();
    for table in SEALED_TABLES {
        rotation.resealed.insert(table.table, 0);
        rotation.unreadable.insert(table.table, 0);
    }
    loop {
        rotation.passes += 1;
        let mut resealed_now = 0;
        for table in SEALED_TABLES {
            let mut unreadable = 0;
            let mut after = None;
            loop {
                let rows = store.sealed_rows(table, after.as_ref(), batch).await?;
                let mut changes = Vec::new();
                for row in &rows {
                    for (column, value) in row.values.iter().enumerate() {
                        // NULL, or emptied by the retention purge: nothing sealed.
                        let Some(old) = value.as_ref().filter(|v| !v.is_empty()) else {
                            continue;
                        };
                        match crypto.reseal(old) {
                            Ok(Reseal::Current) => {}
                            Ok(Reseal::Resealed(new)) => changes.push(SealedChange {
                                id: row.id.clone(),
                                column,
                                old: old.clone(),
                                new,
                            }),
                            Err(_) => unreadable += 1,
                        }
                    }
                }
                if !changes.is_empty() {
                    let made = store.replace_sealed(table, &changes).await?;
                    let mut rows_made: Vec<_> = changes
                        .iter()
                        .zip(made)
                        .filter(|(_, made)| *made)
                        .map(|(change, _)| &change.id)
                        .collect();
                    rows_made.dedup();
                    let count = rows_made.len() as u64;
                    resealed_now += count;
                    *rotation.resealed.entry(table.table).or_default() += count;
                }
                match rows.last() {
                    Some(last) if rows.len() as u64 >= u64::from(batch) => {
                        after = Some(last.id.clone());
                    }
                    _ => break,
                }
            }
            rotation.unreadable.insert(table.table, unreadable);
        }
        if resealed_now == 0 {
            return Ok(rotation);
        }
        if rotation.passes >= MAX_PASSES {
            rotation.still_changing = true;
            return Ok(rotation);
        }
    }
}
