//! Staff passwords: argon2id with the crate's default parameters (OWASP's minimum:
//! 19 MiB, 2 passes), stored as PHC strings. Hashing and checking cost tens of
//! milliseconds of CPU on purpose, so they run on the blocking pool, never on the async
//! workers. Checking an unknown username costs the same as a known one: it is checked
//! against a dummy hash with the same parameters.

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Surrounding whitespace is not part of a password (forms and stdin trim it alike).
pub const MIN_CHARS: usize = 12;
/// Bounds the hashing work one request can ask for.
pub const MAX_CHARS: usize = 256;

/// A password that meets the policy, ready to hash.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

impl NewPassword {
    /// The policy: 12 to 256 characters. Errors are translation codes (`admin.field.*`).
    pub fn parse(text: &str) -> Result<NewPassword, &'static str> {
        let text = text.trim();
        let chars = text.chars().count();
        if chars < MIN_CHARS {
            Err("password_too_short")
        } else if chars > MAX_CHARS {
            Err("password_too_long")
        } else {
            Ok(NewPassword(text.to_owned()))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The PHC string of a new password (CPU-heavy: call through [`hash_blocking`]).
pub fn hash(password: &NewPassword) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| anyhow::anyhow!("hashing a password: {error}"))
}

/// Whether `password` matches the PHC string; a malformed stored hash never matches.
pub fn verify(phc: &str, password: &str) -> bool {
    let password = password.trim();
    if password.chars().count() > MAX_CHARS {
        return false;
    }
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash of a random password nobody knows, with the same parameters as real ones: an
/// unknown username is checked against it, so a miss takes as long as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: LazyLock<String> = LazyLock::new(|| {
        let random = crate::crypto::new_token();
        NewPassword::parse(&random)
            .ok()
            .and_then(|password| hash(&password).ok())
            .unwrap_or_default()
    });
    &DUMMY
}

/// [`hash`] on the blocking pool.
pub async fn hash_blocking(password: NewPassword) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash(&password)).await?
}

/// [`verify`] on the blocking pool (`None`: against the dummy hash, always false).
pub async fn verify_blocking(phc: Option<String>, password: String) -> bool {
    tokio::task::spawn_blocking(move || {
        let matched = verify(phc.as_deref().unwrap_or(dummy_hash()), &password);
        matched && phc.is_some()
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let password = NewPassword::parse("corect cal baterie capsa").unwrap();
        let phc = hash(&password).unwrap();
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(verify(&phc, "corect cal baterie capsa"));
        assert!(!verify(&phc, "corect cal baterie capsă"));
    }

    #[test]
    fn the_same_password_hashes_differently_each_time() {
        let password = NewPassword::parse("o parolă destul de lungă").unwrap();
        assert_ne!(hash(&password).unwrap(), hash(&password).unwrap());
    }

    #[test]
    fn short_and_huge_passwords_are_refused() {
        assert_eq!(NewPassword::parse("scurtă"), Err("password_too_short"));
        assert_eq!(
            NewPassword::parse("   elevenchar   "),
            Err("password_too_short")
        );
        assert_eq!(
            NewPassword::parse(&"x".repeat(257)),
            Err("password_too_long")
        );
        assert!(NewPassword::parse("twelve chars").is_ok());
    }

    #[test]
    fn a_malformed_stored_hash_never_matches() {
        assert!(!verify("not a phc string", "anything at all"));
        assert!(!verify("", ""));
    }

    #[test]
    fn the_dummy_hash_is_a_real_argon2id_hash() {
        assert!(dummy_hash().starts_with("$argon2id$"));
    }
}
