//! Bearer tokens for other systems (SPEC §3, §6.2): issued once by `epasapoarte token
//! add`, stored as a SHA-256 hash only, revocable. Free functions over the store, so the
//! command line uses them without the rest of the service (it needs no secret key: the
//! tokens are random, not derived).

use chrono::{DateTime, Utc};

use crate::crypto;
use crate::ids::TokenHash;
use crate::store::{ApiTokenRecord, NewAuditEntry, Store, StoreError};

/// Every token starts so, which lets secret scanners and people recognise one.
pub const TOKEN_PREFIX: &str = "epas_";
pub const NAME_MAX: usize = 64;

/// Why a token could not be issued.
#[derive(Debug, thiserror::Error)]
pub enum IssueTokenError {
    #[error("a token name is 1 to 64 characters: letters, digits, '.', '-' or '_'")]
    InvalidName,
    #[error("a token named {0:?} exists already (names are never reused)")]
    NameTaken(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a bearer token was refused.
#[derive(Debug, thiserror::Error)]
pub enum ApiAuthError {
    /// No token, a malformed one, or one we never issued (401).
    #[error("missing or unknown API token")]
    Invalid,
    /// A token that was revoked (403).
    #[error("the API token was revoked")]
    Revoked,
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[must_use]
pub fn valid_name(name: &str) -> bool {
    (1..=NAME_MAX).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// Issues a token named `name`: returns the token, which is shown once and never stored.
pub async fn issue(
    store: &dyn Store,
    name: &str,
    now: DateTime<Utc>,
    audit: Option<&NewAuditEntry>,
) -> Result<String, IssueTokenError> {
    if !valid_name(name) {
        return Err(IssueTokenError::InvalidName);
    }
    let token = format!("{TOKEN_PREFIX}{}", crypto::new_token());
    match store
        .add_api_token(name, &TokenHash::of(&token), now, audit)
        .await?
    {
        Some(_) => Ok(token),
        None => Err(IssueTokenError::NameTaken(name.to_owned())),
    }
}

/// The token's record if it is one of ours and not revoked.
pub async fn authenticate(store: &dyn Store, token: &str) -> Result<ApiTokenRecord, ApiAuthError> {
    let looks_right = token
        .strip_prefix(TOKEN_PREFIX)
        .is_some_and(crypto::looks_like_token);
    if !looks_right {
        return Err(ApiAuthError::Invalid);
    }
    match store.api_token_by_hash(&TokenHash::of(token)).await? {
        None => Err(ApiAuthError::Invalid),
        Some(record) if record.revoked_at.is_some() => Err(ApiAuthError::Revoked),
        Some(record) => Ok(record),
    }
}

/// The actor name a token's moves are recorded under (the audit log's convention).
#[must_use]
pub fn actor(record: &ApiTokenRecord) -> String {
    format!("token:{}", record.name)
}
