//! One key per database (issue 13 item 2). The first instance to open a database records
//! a keyed hash of a fixed text under its key — the key check value, which says nothing of
//! the key — and every later start compares its own: an instance with another key refuses
//! to start instead of serving (it would hash the same CNP differently, so one booking per
//! CNP would no longer hold, and it could not open the others' sealed data). A database
//! that predates the check is first tried with one of its sealed values.
//!
//! During a key rotation an instance also holds the previous key
//! (`EPAS_PREVIOUS_SECRET_KEY`) and is accepted if either key matches; `rotate-key` moves
//! the value to the new key when everything is sealed under it.

use anyhow::bail;
use chrono::{DateTime, Utc};

use crate::config::SecretKey;
use crate::crypto::Crypto;
use crate::store::Database;

/// The refusal, naming the variable and never the key.
pub const MISMATCH: &str = "EPAS_SECRET_KEY is not the key this database was first opened \
    with (its key check value differs): refusing to start. Every instance of one database \
    must run with the same key.";

/// The same refusal when a previous key is given too: neither matches.
pub const MISMATCH_BOTH: &str = "neither EPAS_SECRET_KEY nor EPAS_PREVIOUS_SECRET_KEY is the \
    key of this database (its key check value differs from both): refusing to start.";

/// Which of an instance's keys the database's key check value names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseKey {
    /// `EPAS_SECRET_KEY` (the usual case, and the end of a rotation).
    Current,
    /// `EPAS_PREVIOUS_SECRET_KEY`: a rotation has not finished yet.
    Previous,
}

/// Records the current key's check value in a new database, or refuses keys that do not
/// match the recorded one (or cannot open the data of a database that has none yet).
pub async fn verify(
    store: &(impl Database + ?Sized),
    current: &SecretKey,
    previous: Option<&SecretKey>,
    now: DateTime<Utc>,
) -> anyhow::Result<DatabaseKey> {
    let refusal = if previous.is_some() {
        MISMATCH_BOTH
    } else {
        MISMATCH
    };
    let mine = Crypto::key_check_value(current);
    let theirs = previous.map(Crypto::key_check_value);
    let mut first = mine.clone();
    if !store.has_key_check().await?
        && let Some(sealed) = store.a_sealed_value().await?
        && Crypto::new(current).open(&sealed).is_err()
    {
        // Sealed under the previous key (a rotation begun on a database from before the
        // check): that key is the database's until `rotate-key` has run.
        match previous {
            Some(previous) if Crypto::new(previous).open(&sealed).is_ok() => {
                first = Crypto::key_check_value(previous);
            }
            _ => bail!(refusal),
        }
    }
    let recorded = store.record_key_check(&first, now).await?;
    if recorded == mine {
        Ok(DatabaseKey::Current)
    } else if Some(&recorded) == theirs.as_ref() {
        Ok(DatabaseKey::Previous)
    } else {
        bail!(refusal)
    }
}
