//! The draw's seed: committed before entries open (its SHA-256 is published), revealed
//! after the draw, and the entry order anyone can replay from it.
//!
//! The order is by ascending `SHA-256(seed bytes ‖ entry id as UTF-8 text)`, ties (equal
//! ids) by id. To replay one entry's key in a shell, with the seed in hex:
//!
//! ```text
//! { printf '%s' "$SEED_HEX" | xxd -r -p; printf '%s' "$ENTRY_ID"; } | sha256sum
//! ```
//!
//! and sort the entries by that hex digest (lowercase hex sorts like the bytes).

use std::fmt;

use sha2::{Digest, Sha256};

/// The 32 random bytes a draw is shuffled with; the shell draws them from a CSPRNG.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DrawSeed(pub [u8; 32]);

/// A seed's text was not 64 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a draw seed is 64 hex digits")]
pub struct SeedHexError;

impl DrawSeed {
    /// The commitment published when entries open: SHA-256 of the 32 seed bytes, lowercase
    /// hex (`printf '%s' "$SEED_HEX" | xxd -r -p | sha256sum`).
    #[must_use]
    pub fn sha256_hex(&self) -> String {
        hex(&Sha256::digest(self.0))
    }

    /// The seed itself, lowercase hex: published only after the draw.
    #[must_use]
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    /// Reads 64 hex digits (either case).
    pub fn from_hex(text: &str) -> Result<Self, SeedHexError> {
        let digits = text.as_bytes();
        if digits.len() != 64 {
            return Err(SeedHexError);
        }
        let mut bytes = [0_u8; 32];
        for (byte, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
            *byte = nibble(pair[0])? << 4 | nibble(pair[1])?;
        }
        Ok(Self(bytes))
    }

    /// One entry's sort key: `SHA-256(seed ‖ entry_id)`.
    #[must_use]
    pub fn entry_key(&self, entry_id: &str) -> [u8; 32] {
        let mut hasher = Sha256::new();
        hasher.update(self.0);
        hasher.update(entry_id.as_bytes());
        hasher.finalize().into()
    }
}

/// Never prints the seed: before the draw it is the secret that keeps the order unknown.
impl fmt::Debug for DrawSeed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DrawSeed(..)")
    }
}

/// The entries in draw order: ascending [`DrawSeed::entry_key`], then id.
#[must_use]
pub fn entry_order<T: AsRef<str> + Clone>(seed: &DrawSeed, entry_ids: &[T]) -> Vec<T> {
    let mut keyed: Vec<([u8; 32], T)> = entry_ids
        .iter()
        .map(|id| (seed.entry_key(id.as_ref()), id.clone()))
        .collect();
    keyed.sort_by(|(a, a_id), (b, b_id)| a.cmp(b).then_with(|| a_id.as_ref().cmp(b_id.as_ref())));
    keyed.into_iter().map(|(_, id)| id).collect()
}

fn hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut text, byte| {
            let _ = write!(text, "{byte:02x}");
            text
        })
}

fn nibble(digit: u8) -> Result<u8, SeedHexError> {
    match digit {
        b'0'..=b'9' => Ok(digit - b'0'),
        b'a'..=b'f' => Ok(digit - b'a' + 10),
        b'A'..=b'F' => Ok(digit - b'A' + 10),
        _ => Err(SeedHexError),
    }
}

#[cfg(test)]
mod tests;
