//! Names, e-mail addresses and phone numbers as parsed values. Each `parse` returns the
//! translation-key code of the first rule broken. `Debug` never shows the value: these are
//! personal data.

use std::fmt;

/// A family or given name: letters of any script (Romanian diacritics included), with the
/// spaces, hyphens, apostrophes and dots real names carry ("Popescu-Ionescu", "D'Angelo",
/// "Ana Maria", "St. Ion"). Surrounding space is trimmed and inner runs collapsed.
#[derive(Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = 100;

    /// A name as typed: composed (NFC) first, so "S" + a combining comma below — what
    /// some keyboards and copied text produce — is the letter "Ș" (issue 12).
    pub fn parse(input: &str) -> Result<PersonName, &'static str> {
        use unicode_normalization::UnicodeNormalization;
        let composed: String = input.nfc().collect();
        let collapsed = composed.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            return Err("required");
        }
        if collapsed.chars().count() > Self::MAX_CHARS {
            return Err("too_long");
        }
        let allowed = |c: char| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.');
        if !collapsed.chars().all(allowed) || !collapsed.chars().any(char::is_alphabetic) {
            return Err("invalid_name");
        }
        Ok(PersonName(collapsed))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An e-mail address, trimmed; compared and hashed in lower case.
#[derive(Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(input: &str) -> Result<Email, &'static str> {
        let email = input.trim();
        if email.is_empty() {
            return Err("required");
        }
        if email.len() > Self::MAX_LEN {
            return Err("too_long");
        }
        let Some((local, domain)) = email.rsplit_once('@') else {
            return Err("invalid_email");
        };
        let plain = |c: char| {
            c.is_ascii_graphic()
                && !matches!(
                    c,
                    '@' | '<' | '>' | '(' | ')' | '[' | ']' | ',' | ';' | ':' | '"' | '\\'
                )
        };
        let domain_ok = domain.len() >= 3
            && domain.contains('.')
            && !domain.starts_with(['.', '-'])
            && !domain.ends_with(['.', '-'])
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if local.is_empty() || local.len() > 64 || !local.chars().all(plain) || !domain_ok {
            return Err("invalid_email");
        }
        Ok(Email(email.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form used for the lookup hash: case does not make a different mailbox in practice.
    pub fn normalized(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

/// A phone number: digits with the usual separators, 6 to 15 digits (E.164's maximum).
#[derive(Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Phone, &'static str> {
        let phone = input.trim();
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let allowed =
            |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/');
        let body = phone.strip_prefix('+').unwrap_or(phone);
        if !body.chars().all(allowed) || !(6..=15).contains(&digits) {
            return Err("invalid_phone");
        }
        Ok(Phone(phone.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! redacted_debug {
    ($($name:ident),*) => {$(
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(<redacted>)"))
            }
        }
    )*};
}

redacted_debug!(PersonName, Email, Phone);
