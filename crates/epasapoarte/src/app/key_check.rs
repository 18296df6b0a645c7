//! One key per database (issue 13 item 2). The first instance to open a database records
//! a keyed hash of a fixed text under its key — the key check value, which says nothing of
//! the key — and every later start compares its own: an instance with another key refuses
//! to start instead of serving (it would hash the same CNP differently, so one booking per
//! CNP would no longer hold, and it could not open the others' sealed data). A database
//! that predates the check is first tried with one of its sealed values.

use anyhow::bail;
use chrono::{DateTime, Utc};

use crate::crypto::{Crypto, HashPurpose};
use crate::store::Database;

/// What the key check value is the hash of.
const CHECKED_TEXT: &[u8] = b"epasapoarte key check v1";

/// The refusal, naming the variable and never the key.
pub const MISMATCH: &str = "EPAS_SECRET_KEY is not the key this database was first opened \
    with (its key check value differs): refusing to start. Every instance of one database \
    must run with the same key.";

/// Records this key's check value in a new database, or refuses a key that does not match
/// the recorded one (or cannot open the data of a database that has none yet).
pub async fn verify(
    store: &(impl Database + ?Sized),
    crypto: &Crypto,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let mine = crypto.keyed_hash(HashPurpose::KeyCheck, CHECKED_TEXT);
    if !store.has_key_check().await?
        && let Some(sealed) = store.a_sealed_value().await?
        && crypto.open(&sealed).is_err()
    {
        bail!(MISMATCH);
    }
    if store.record_key_check(&mine, now).await? != mine {
        bail!(MISMATCH);
    }
    Ok(())
}
