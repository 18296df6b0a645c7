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
