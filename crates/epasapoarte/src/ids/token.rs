//! Link tokens (SPEC §6.2): the random secret an e-mailed link carries, and the SHA-256
//! the store keeps instead of it. The token never prints: its `Debug` is redacted.

use std::fmt;

use crate::crypto;

/// A link token: 24 random bytes (192 bits) as 32 URL-safe base64 characters.
#[derive(Clone, PartialEq, Eq)]
pub struct LinkToken(String);

impl LinkToken {
    /// A fresh random token.
    pub fn generate() -> LinkToken {
        LinkToken(crypto::new_token())
    }

    /// The token in `text`, if it has the shape of one of ours (a cheap check before any
    /// lookup).
    pub fn parse(text: &str) -> Option<LinkToken> {
        crypto::looks_like_token(text).then(|| LinkToken(text.to_owned()))
    }

    /// What the store keeps.
    pub fn hash(&self) -> TokenHash {
        TokenHash::of(&self.0)
    }

    /// The secret itself, for the one place that needs it: the link being built.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for LinkToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LinkToken(***)")
    }
}

/// The SHA-256 of a [`LinkToken`] (or of an API token), as stored (`token_hash` columns).
#[derive(Debug, Clone, PartialEq, Eq, Hash, sqlx::Type)]
#[sqlx(transparent)]
pub struct TokenHash(pub Vec<u8>);

impl TokenHash {
    /// The SHA-256 of a random secret. Tokens carry 192 random bits, so an unkeyed hash
    /// is safe: there is nothing to brute-force.
    pub fn of(secret: &str) -> TokenHash {
        TokenHash(crypto::token_hash(secret))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_well_formed() {
        let (a, b) = (LinkToken::generate(), LinkToken::generate());
        assert_ne!(a, b);
        assert_eq!(LinkToken::parse(a.expose()), Some(a.clone()));
        assert_eq!(LinkToken::parse(&format!(" {}", a.expose())), None);
        assert_eq!(LinkToken::parse("short"), None);
        assert_eq!(LinkToken::parse(&format!("{}!", &a.expose()[..31])), None);
        assert_eq!(a.hash().as_bytes().len(), 32);
        assert_ne!(a.hash(), b.hash());
    }

    #[test]
    fn a_token_never_prints() {
        let token = LinkToken::generate();
        let debug = format!("{token:?}");
        assert_eq!(debug, "LinkToken(***)");
        assert!(!debug.contains(token.expose()));
    }
}
