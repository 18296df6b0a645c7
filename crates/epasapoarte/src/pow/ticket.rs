//! The no-JavaScript fallback (SPEC §8): every protected form carries a signed ticket,
//! `v1.<form>.<served at, Unix ms>.<nonce>.<hex HMAC of the rest>`, and is accepted only
//! once some seconds have passed since it was served (a person reads and fills a form; a
//! script posting at once must wait like everyone else). The page never refreshes itself
//! (WCAG 2.2.1): a form sent too early is shown again with a message and its values.
//! The nonce, hashed, goes into the same replay store as the ALTCHA solutions.

use base64::Engine;
use chrono::{DateTime, TimeZone, Utc};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::altcha::{hex, unhex};

const VERSION: &str = "v1";

/// A ticket whose signature checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub form: String,
    pub served_at: DateTime<Utc>,
    /// What the replay store keeps: SHA-256 of a label and the nonce.
    pub spent_hash: Vec<u8>,
}

/// A new ticket for `form`, served at `now`.
pub fn issue(key: &[u8], form: &str, now: DateTime<Utc>) -> String {
    let mut nonce = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut nonce);
    let nonce = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(nonce);
    let body = format!("{VERSION}.{form}.{}.{nonce}", now.timestamp_millis());
    let signature = hex(&sign(key, &body));
    format!("{body}.{signature}")
}

/// The ticket, if it is one of ours (signature checked in constant time).
pub fn open(key: &[u8], text: &str) -> Option<Ticket> {
    let text = text.trim();
    if text.len() > 200 {
        return None;
    }
    let (body, signature) = text.rsplit_once('.')?;
    let signature = unhex(signature)?;
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(body.as_bytes());
    mac.verify_slice(&signature).ok()?;
    let mut parts = body.split('.');
    let (version, form, served, nonce) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if version != VERSION || parts.next().is_some() {
        return None;
    }
    let served_at = Utc.timestamp_millis_opt(served.parse().ok()?).single()?;
    let mut hasher = Sha256::new();
    hasher.update(b"epasapoarte form ticket\0");
    hasher.update(nonce.as_bytes());
    Some(Ticket {
        form: form.to_owned(),
        served_at,
        spent_hash: hasher.finalize().to_vec(),
    })
}

fn sign(key: &[u8], body: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(body.as_bytes());
    mac.finalize().into_bytes().to_vec()
}
