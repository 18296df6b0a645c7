//! Protection of personal data at rest (SPEC §7): CNPs, names, e-mail addresses and phone
//! numbers are sealed with XChaCha20-Poly1305, and looked up through keyed hashes
//! (HMAC-SHA-256). An unkeyed hash of a CNP could be brute-forced from a birth date and
//! sex in seconds; without the key, a database dump reveals neither values nor hashes.
//!
//! Both keys are derived from `EPAS_SECRET_KEY` with distinct labels, so one secret never
//! serves two purposes.

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::config::SecretKey;

type HmacSha256 = Hmac<Sha256>;

/// What a keyed hash is for; part of the hash input so that a CNP hash can never be
/// matched against an e-mail hash.
#[derive(Debug, Clone, Copy)]
pub enum HashPurpose {
    Cnp,
    CnpLast9,
    Email,
    RateLimit,
    Csrf,
    /// The database's key check value (issue 13): the hash of a fixed text.
    KeyCheck,
}

impl HashPurpose {
    fn label(self) -> &'static [u8] {
        match self {
            HashPurpose::Cnp => b"cnp",
            HashPurpose::CnpLast9 => b"cnp-last9",
            HashPurpose::Email => b"email",
            HashPurpose::RateLimit => b"rate-limit",
            HashPurpose::Csrf => b"csrf",
            HashPurpose::KeyCheck => b"key-check",
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("sealed data could not be opened (wrong key or corrupted)")]
pub struct OpenError;

/// The sealing and hashing keys of this deployment.
#[derive(Clone)]
pub struct Crypto {
    cipher: XChaCha20Poly1305,
    hash_key: [u8; 32],
}

impl std::fmt::Debug for Crypto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Crypto(<keys redacted>)")
    }
}

const NONCE_LEN: usize = 24;

impl Crypto {
    pub fn new(secret: &SecretKey) -> Crypto {
        let seal_key = derive(secret, b"epasapoarte seal v1");
        let hash_key = derive(secret, b"epasapoarte keyed-hash v1");
        Crypto {
            cipher: XChaCha20Poly1305::new(&seal_key.into()),
            hash_key,
        }
    }

    /// Encrypts `plain` under a fresh random nonce: `nonce ‖ ciphertext+tag`.
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::thread_rng().fill_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(XNonce::from_slice(&nonce), plain)
            // Encryption only fails for inputs beyond the cipher's 256 GiB limit.
            .unwrap_or_default();
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    pub fn seal_str(&self, plain: &str) -> Vec<u8> {
        self.seal(plain.as_bytes())
    }

    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, OpenError> {
        if sealed.len() < NONCE_LEN {
            return Err(OpenError);
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        self.cipher
            .decrypt(XNonce::from_slice(nonce), body)
            .map_err(|_| OpenError)
    }

    pub fn open_string(&self, sealed: &[u8]) -> Result<String, OpenError> {
        String::from_utf8(self.open(sealed)?).map_err(|_| OpenError)
    }

    /// HMAC-SHA-256 of `value` for one purpose: stable for lookups and unique indexes.
    pub fn keyed_hash(&self, purpose: HashPurpose, value: &[u8]) -> Vec<u8> {
        let mut mac =
            <HmacSha256 as Mac>::new_from_slice(&self.hash_key).expect("HMAC takes any key length");
        mac.update(purpose.label());
        mac.update(&[0]);
        mac.update(value);
        mac.finalize().into_bytes().to_vec()
    }
}

pub(crate) fn derive(secret: &SecretKey, label: &[u8]) -> [u8; 32] {
    let mut mac =
        <HmacSha256 as Mac>::new_from_slice(secret.expose()).expect("HMAC takes any key length");
    mac.update(label);
    mac.finalize().into_bytes().into()
}

/// SHA-256 of a random token. Tokens carry 192 random bits, so an unkeyed hash is safe:
/// there is nothing to brute-force.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// A new random token: 24 bytes (192 bits) as 32 URL-safe base64 characters.
pub fn new_token() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether a string has the shape of one of our tokens (cheap check before any lookup).
pub fn looks_like_token(text: &str) -> bool {
    text.len() == 32
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crypto(byte: u8) -> Crypto {
        Crypto::new(&SecretKey::from_bytes(vec![byte; 32]).unwrap())
    }

    #[test]
    fn sealed_values_open_with_the_same_key_only() {
        let sealed = crypto(1).seal_str("1800101221144");
        assert_eq!(crypto(1).open_string(&sealed).unwrap(), "1800101221144");
        assert!(crypto(2).open(&sealed).is_err());
    }

    #[test]
    fn sealing_twice_gives_different_ciphertexts() {
        let c = crypto(1);
        assert_ne!(c.seal_str("x"), c.seal_str("x"));
    }

    #[test]
    fn sealed_bytes_do_not_contain_the_plaintext() {
        let sealed = crypto(1).seal_str("1800101221144");
        assert!(!sealed.windows(13).any(|w| w == b"1800101221144"));
    }

    #[test]
    fn keyed_hashes_depend_on_key_and_purpose() {
        let a = crypto(1).keyed_hash(HashPurpose::Cnp, b"1800101221144");
        assert_eq!(a, crypto(1).keyed_hash(HashPurpose::Cnp, b"1800101221144"));
        assert_ne!(a, crypto(2).keyed_hash(HashPurpose::Cnp, b"1800101221144"));
        assert_ne!(
            a,
            crypto(1).keyed_hash(HashPurpose::Email, b"1800101221144")
        );
    }

    #[test]
    fn truncated_or_tampered_data_fails_to_open() {
        let c = crypto(1);
        let mut sealed = c.seal_str("secret");
        assert!(c.open(&sealed[..10]).is_err());
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert!(c.open(&sealed).is_err());
    }

    #[test]
    fn tokens_are_random_and_well_formed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert!(looks_like_token(&a), "{a}");
        assert!(!looks_like_token("short"));
        assert!(!looks_like_token(&format!("{}!", &a[..31])));
        assert_eq!(token_hash(&a).len(), 32);
    }
}
