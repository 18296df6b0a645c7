//! Protection of personal data at rest (SPEC §7): CNPs, names, e-mail addresses and phone
//! numbers are sealed with XChaCha20-Poly1305, and looked up through keyed hashes
//! (HMAC-SHA-256). An unkeyed hash of a CNP could be brute-forced from a birth date and
//! sex in seconds; without the key, a database dump reveals neither values nor hashes.
//!
//! Both keys are derived from `EPAS_SECRET_KEY` with distinct labels, so one secret never
//! serves two purposes. The hash key stays the database's own across key rotations (it is
//! kept sealed in the table `key_ring`, see [`crate::app::key_ring`]): rows that keep only
//! a hash (no-shows) could not be hashed again. During a rotation the previous key
//! (`EPAS_PREVIOUS_SECRET_KEY`) still opens what it sealed; everything new is sealed
//! under the current key.

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
    /// The previous key's cipher during a rotation: opens, never seals.
    previous: Option<XChaCha20Poly1305>,
    hash_key: [u8; 32],
}

/// A 32-byte hash key. `Debug` shows nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct HashKey([u8; 32]);

impl std::fmt::Debug for HashKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HashKey(<redacted>)")
    }
}

impl HashKey {
    /// The hash key a database that was never rotated has: derived from its master key.
    pub fn derived(secret: &SecretKey) -> HashKey {
        HashKey(derive(secret, HASH_LABEL))
    }

    pub fn expose(&self) -> &[u8; 32] {
        &self.0
    }

    pub fn from_slice(bytes: &[u8]) -> Option<HashKey> {
        Some(HashKey(bytes.try_into().ok()?))
    }
}

/// What a sealed value needs at a rotation ([`Crypto::reseal`]).
#[derive(Debug, PartialEq, Eq)]
pub enum Reseal {
    /// It opens with the current key: nothing to do.
    Current,
    /// It opened with the previous key only; here it is sealed under the current one.
    Resealed(Vec<u8>),
}

const SEAL_LABEL: &[u8] = b"epasapoarte seal v1";
const HASH_LABEL: &[u8] = b"epasapoarte keyed-hash v1";
/// What the key check value is the keyed hash of.
const CHECKED_TEXT: &[u8] = b"epasapoarte key check v1";

impl std::fmt::Debug for Crypto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Crypto(<keys redacted>)")
    }
}

const NONCE_LEN: usize = 24;

impl Crypto {
    /// Both keys from one master key: what a database that was never rotated uses (its
    /// stored hash key is this derivation), and what tests and tools without a database
    /// use.
    pub fn new(secret: &SecretKey) -> Crypto {
        Crypto::with_hash_key(secret, None, &HashKey::derived(secret))
    }

    /// Seals under `secret`, opens with `secret` and else with `previous`, and hashes with
    /// the database's `hash_key`.
    pub fn with_hash_key(
        secret: &SecretKey,
        previous: Option<&SecretKey>,
        hash_key: &HashKey,
    ) -> Crypto {
        Crypto {
            cipher: cipher(secret),
            previous: previous.map(cipher),
            hash_key: hash_key.0,
        }
    }

    /// The key check value of a master key (`key_check`, issue 13): the keyed hash of a
    /// fixed text under the hash key *derived* from that master key — never the stored
    /// one, so that it changes when the master key does. For a database that was never
    /// rotated it is the value recorded before key rotation existed.
    pub fn key_check_value(secret: &SecretKey) -> Vec<u8> {
        Crypto::new(secret).keyed_hash(HashPurpose::KeyCheck, CHECKED_TEXT)
    }

    /// Whether `sealed` opens with the current key (not the previous one).
    pub fn opens_with_current(&self, sealed: &[u8]) -> bool {
        open_with(&self.cipher, sealed).is_ok()
    }

    /// For a rotation: a value that opens with the current key is left alone; one that
    /// opens with the previous key only comes back sealed under the current one; one
    /// that opens with neither is an error (and is never shown).
    pub fn reseal(&self, sealed: &[u8]) -> Result<Reseal, OpenError> {
        if self.opens_with_current(sealed) {
            return Ok(Reseal::Current);
        }
        let previous = self.previous.as_ref().ok_or(OpenError)?;
        let plain = open_with(previous, sealed)?;
        Ok(Reseal::Resealed(self.seal(&plain)))
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

    /// Opens with the current key, or during a rotation with the previous one.
    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, OpenError> {
        open_with(&self.cipher, sealed).or_else(|error| match &self.previous {
            Some(previous) => open_with(previous, sealed),
            None => Err(error),
        })
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

fn cipher(secret: &SecretKey) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(&derive(secret, SEAL_LABEL).into())
}

fn open_with(cipher: &XChaCha20Poly1305, sealed: &[u8]) -> Result<Vec<u8>, OpenError> {
    if sealed.len() < NONCE_LEN {
        return Err(OpenError);
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    cipher
        .decrypt(XNonce::from_slice(nonce), body)
        .map_err(|_| OpenError)
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

    fn key(byte: u8) -> SecretKey {
        SecretKey::from_bytes(vec![byte; 32]).unwrap()
    }

    #[test]
    fn the_previous_key_opens_but_never_seals() {
        let old = crypto(1).seal_str("1800101221144");
        let rotating = Crypto::with_hash_key(&key(2), Some(&key(1)), &HashKey::derived(&key(1)));
        assert_eq!(rotating.open_string(&old).unwrap(), "1800101221144");
        let new = rotating.seal_str("1800101221144");
        assert!(
            crypto(1).open(&new).is_err(),
            "sealed under the current key"
        );
        assert_eq!(crypto(2).open_string(&new).unwrap(), "1800101221144");
        // A third key's data opens with neither.
        assert!(rotating.open(&crypto(3).seal_str("x")).is_err());
    }

    #[test]
    fn reseal_moves_old_values_and_leaves_current_ones() {
        let rotating = Crypto::with_hash_key(&key(2), Some(&key(1)), &HashKey::derived(&key(1)));
        let Ok(Reseal::Resealed(moved)) = rotating.reseal(&crypto(1).seal_str("x")) else {
            panic!("an old value is re-sealed");
        };
        assert!(rotating.opens_with_current(&moved));
        assert_eq!(crypto(2).open_string(&moved).unwrap(), "x");
        assert_eq!(rotating.reseal(&moved).unwrap(), Reseal::Current);
        assert!(rotating.reseal(&crypto(3).seal_str("x")).is_err());
        assert!(rotating.reseal(b"").is_err());
        // Without a previous key nothing old can be moved.
        assert!(crypto(2).reseal(&crypto(1).seal_str("x")).is_err());
    }

    #[test]
    fn the_hash_key_is_the_databases_not_the_master_keys() {
        let stored = HashKey::derived(&key(1));
        let rotated = Crypto::with_hash_key(&key(2), None, &stored);
        assert_eq!(
            rotated.keyed_hash(HashPurpose::Cnp, b"1800101221144"),
            crypto(1).keyed_hash(HashPurpose::Cnp, b"1800101221144"),
        );
    }

    #[test]
    fn the_key_check_value_follows_the_master_key_only() {
        // Today's value: HMAC(derive(secret, "keyed-hash v1"), "key-check" 0 text).
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&derive(&key(1), HASH_LABEL)).unwrap();
        mac.update(b"key-check\0epasapoarte key check v1");
        let today = mac.finalize().into_bytes().to_vec();
        assert_eq!(Crypto::key_check_value(&key(1)), today);
        assert_ne!(Crypto::key_check_value(&key(2)), today);
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
