//! The service's secret key (`EPAS_SECRET_KEY`): parsed from hex or base64, never printed.

use std::fmt;

use anyhow::bail;
use base64::Engine;

/// At least 32 random bytes. `Debug` and `Display` show nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(Vec<u8>);

impl SecretKey {
    pub const MIN_LEN: usize = 32;

    /// Accepts hex (64+ hex digits) or standard/URL-safe base64 of 32+ bytes.
    pub fn parse(text: &str) -> anyhow::Result<SecretKey> {
        let text = text.trim();
        let bytes =
            if text.len() >= 2 * Self::MIN_LEN && text.bytes().all(|b| b.is_ascii_hexdigit()) {
                decode_hex(text)
            } else {
                let engines = [
                    base64::engine::general_purpose::STANDARD,
                    base64::engine::general_purpose::URL_SAFE,
                    base64::engine::general_purpose::STANDARD_NO_PAD,
                    base64::engine::general_purpose::URL_SAFE_NO_PAD,
                ];
                engines.iter().find_map(|engine| engine.decode(text).ok())
            };
        match bytes {
            Some(bytes) if bytes.len() >= Self::MIN_LEN => Ok(SecretKey(bytes)),
            Some(_) => bail!("EPAS_SECRET_KEY must hold at least {} bytes", Self::MIN_LEN),
            None => bail!("EPAS_SECRET_KEY must be hex or base64"),
        }
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
