//! The service's secret key (`EPAS_SECRET_KEY`): hex, or base64 behind an explicit
//! `base64:` prefix — parsed strictly, never printed. (Read as "hex, else base64", a
//! 64-digit hex key with one typo silently became another key: issue 13.)

use std::fmt;

use anyhow::bail;
use base64::Engine;

/// At least 32 random bytes. `Debug` and `Display` show nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(Vec<u8>);

impl SecretKey {
    pub const MIN_LEN: usize = 32;

    /// Accepts hex (64+ hex digits, an even number) or `base64:` followed by standard or
    /// URL-safe base64 of 32+ bytes; anything else is refused, and the message never
    /// quotes the key.
    pub fn parse(text: &str) -> anyhow::Result<SecretKey> {
        SecretKey::parse_named(text, "EPAS_SECRET_KEY")
    }

    /// [`SecretKey::parse`] for the variable `name` (`EPAS_PREVIOUS_SECRET_KEY`), which
    /// the messages name.
    pub fn parse_named(text: &str, name: &str) -> anyhow::Result<SecretKey> {
        let text = text.trim();
        let bytes = if let Some(encoded) = text.strip_prefix("base64:") {
            let engines = [
                base64::engine::general_purpose::STANDARD,
                base64::engine::general_purpose::URL_SAFE,
                base64::engine::general_purpose::STANDARD_NO_PAD,
                base64::engine::general_purpose::URL_SAFE_NO_PAD,
            ];
            match engines
                .iter()
                .find_map(|engine| engine.decode(encoded.trim()).ok())
            {
                Some(bytes) => bytes,
                None => bail!("{name} after \"base64:\" is not valid base64"),
            }
        } else {
            let not_hex = text.bytes().filter(|b| !b.is_ascii_hexdigit()).count();
            if not_hex > 0 {
                bail!(
                    "{name} must be hex digits (or \"base64:\" and base64); \
                     {not_hex} of its {} characters are not hex digits",
                    text.len()
                );
            }
            match decode_hex(text) {
                Some(bytes) => bytes,
                None => bail!("{name} has an odd number of hex digits"),
            }
        };
        if bytes.len() < Self::MIN_LEN {
            bail!(
                "{name} must hold at least {} bytes ({} hex digits)",
                Self::MIN_LEN,
                2 * Self::MIN_LEN
            );
        }
        Ok(SecretKey(bytes))
    }

    pub fn from_bytes(bytes: Vec<u8>) -> anyhow::Result<SecretKey> {
        if bytes.len() < Self::MIN_LEN {
            bail!("a secret key needs at least {} bytes", Self::MIN_LEN);
        }
        Ok(SecretKey(bytes))
    }

    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}
