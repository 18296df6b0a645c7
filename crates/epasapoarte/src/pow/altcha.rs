//! The ALTCHA proof of work exactly as the reference library defines it
//! (altcha-org/altcha-lib, the one the stock widget speaks): the server picks a random
//! `number` in `0..=maxnumber` and a random `salt` (with `?expires=…` and our own
//! parameters after it), sends `challenge = hex(SHA-256(salt ‖ number))` and
//! `signature = hex(HMAC-SHA-256(key, challenge))`; the client tries numbers until the
//! hash matches and sends back `base64(JSON {algorithm, challenge, number, salt,
//! signature})`. The signature lets any instance check a solution without having kept
//! the challenge; the replay store (`spend_proof`) makes each one good once.
//!
//! Written here rather than taken from the community crate (`altcha-lib-rs`): that one
//! checks expiry against the system clock (our tests run on a manual one), takes the key
//! as a `&str`, and would bring second copies of `hmac` and `rand` into the build; the
//! algorithm itself is a dozen lines over the `sha2` and `hmac` we already use.

use base64::Engine;
use hmac::{Hmac, Mac};
use rand::{Rng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The only algorithm we issue and accept.
pub const ALGORITHM: &str = "SHA-256";

/// Random bytes of a salt (as hex), as the reference library's default.
const SALT_BYTES: usize = 12;

/// What `GET /api/v1/challenge` answers (the widget's `challengeurl` format).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Challenge {
    /// Always `SHA-256`.
    pub algorithm: String,
    /// hex(SHA-256(salt ‖ number)).
    pub challenge: String,
    /// The solver tries 0..=maxnumber.
    pub maxnumber: u64,
    /// Random hex, then `?expires=<unix seconds>&form=<form>`.
    pub salt: String,
    /// hex(HMAC-SHA-256(key, challenge)).
    pub signature: String,
}

/// A solution as the widget sends it (inside base64).
#[derive(Debug, Clone, Deserialize)]
pub struct Payload {
    pub algorithm: String,
    pub challenge: String,
    pub number: u64,
    pub salt: String,
    pub signature: String,
}

/// A new challenge whose salt carries `params` (`expires=…&form=…`).
pub fn create(key: &[u8], max_number: u64, params: &str) -> Challenge {
    let mut rng = rand::thread_rng();
    let mut random = [0u8; SALT_BYTES];
    rng.fill_bytes(&mut random);
    let salt = format!("{}?{params}", hex(&random));
    let number = rng.gen_range(0..=max_number);
    let challenge = hash(&salt, number);
    Challenge {
        algorithm: ALGORITHM.to_owned(),
        signature: hex(&sign(key, &challenge)),
        challenge,
        maxnumber: max_number,
        salt,
    }
}

/// The payload in a posted `altcha` field: base64 of the JSON, as the widget sends it (the
/// JSON itself is taken too, for API clients that skip the base64).
pub fn decode(text: &str) -> Option<Payload> {
    let text = text.trim();
    if text.starts_with('{') {
        return serde_json::from_str(text).ok();
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .or_else(|_| base64::engine::general_purpose::URL_SAFE.decode(text))
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Whether the payload solves a challenge this key signed: the signature is ours (in
/// constant time) and the number hashes to the challenge.
pub fn verify(key: &[u8], payload: &Payload) -> bool {
    if payload.algorithm != ALGORITHM {
        return false;
    }
    let Some(signature) = unhex(&payload.signature) else {
        return false;
    };
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(payload.challenge.as_bytes());
    mac.verify_slice(&signature).is_ok() && hash(&payload.salt, payload.number) == payload.challenge
}

/// A parameter of the salt (`expires`, `form`), as the reference library writes them.
pub fn salt_param<'a>(salt: &'a str, name: &str) -> Option<&'a str> {
    let (_, query) = salt.split_once('?')?;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// hex(SHA-256(salt ‖ decimal number)).
pub fn hash(salt: &str, number: u64) -> String {
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    hasher.update(number.to_string().as_bytes());
    hex(&hasher.finalize())
}

fn sign(key: &[u8], challenge: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(challenge.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || text.len() > 128 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(text.get(at..at + 2)?, 16).ok())
        .collect()
}

/// Solves a challenge the way the widget does: tries 0..=maxnumber. The salt's hash
/// state is computed once and cloned per number.
pub fn solve(challenge: &Challenge) -> Option<u64> {
    let target = unhex(&challenge.challenge)?;
    let mut prefix = Sha256::new();
    prefix.update(challenge.salt.as_bytes());
    let mut digits = itoa_buffer();
    (0..=challenge.maxnumber).find(|number| {
        let mut hasher = prefix.clone();
        hasher.update(format_number(&mut digits, *number));
        hasher.finalize().as_slice() == target.as_slice()
    })
}

fn itoa_buffer() -> [u8; 20] {
    [0; 20]
}

/// `number` in decimal, without allocating.
fn format_number(buffer: &mut [u8; 20], mut number: u64) -> &[u8] {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (number % 10) as u8;
        number /= 10;
        if number == 0 {
            return &buffer[at..];
        }
    }
}

/// The `altcha` field for a solved challenge, as the widget builds it.
pub fn payload_for(challenge: &Challenge, number: u64) -> String {
    let json = serde_json::json!({
        "algorithm": challenge.algorithm,
        "challenge": challenge.challenge,
        "number": number,
        "salt": challenge.salt,
        "signature": challenge.signature,
    });
    base64::engine::general_purpose::STANDARD.encode(json.to_string())
}
