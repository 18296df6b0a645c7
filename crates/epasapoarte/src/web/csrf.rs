//! Anti-forgery for every form (SPEC §6.3): each browser gets a random session id in an
//! HttpOnly cookie, and every form carries `csrf` = HMAC(key, session id). A POST whose
//! token does not match its own cookie is refused. Cross-site pages can neither read the
//! cookie nor compute the HMAC; SameSite=Lax is a second fence.

use crate::crypto::{Crypto, HashPurpose};

pub const COOKIE: &str = "epas_sid";

pub fn new_session_id() -> String {
    crate::crypto::new_token()
}

pub fn is_session_id(text: &str) -> bool {
    crate::crypto::looks_like_token(text)
}

pub fn token(crypto: &Crypto, session: &str) -> String {
    crypto
        .keyed_hash(HashPurpose::Csrf, session.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Constant-time comparison of the posted token with the one this session should carry.
pub fn verify(crypto: &Crypto, session: Option<&str>, posted: &str) -> bool {
    let Some(session) = session.filter(|s| is_session_id(s)) else {
        return false;
    };
    let expected = token(crypto, session);
    expected.len() == posted.len()
        && expected
            .bytes()
            .zip(posted.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}
