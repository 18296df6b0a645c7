//! Typed identifiers: an office id is not a staff user id, and a booking reference is not
//! any string. Each is parsed once at the edge (path, query, form, JSON) and travels typed
//! through the service and the store. They serialise exactly as the raw value
//! (`#[serde(transparent)]`, `#[sqlx(transparent)]`), so neither the JSON API nor the
//! schema changes; DTO fields name their OpenAPI type with `#[schema(value_type = …)]`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

mod token;

pub use token::{LinkToken, TokenHash};

/// A passport office (`offices.id`). The default, 0, names no office (a form left empty).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    sqlx::Type,
)]
#[serde(transparent)]
#[sqlx(transparent)]
pub struct OfficeId(pub i64);

impl OfficeId {
    pub fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for OfficeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for OfficeId {
    type Err = std::num::ParseIntError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.parse().map(OfficeId)
    }
}

/// A booking's reference (`bookings.id`): the code printed in e-mails and on pages.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type,
)]
#[serde(transparent)]
#[sqlx(transparent)]
pub struct BookingId(pub String);

impl BookingId {
    /// A new reference: 16 random bytes as 32 hex digits (not guessable, no personal data).
    pub fn generate() -> BookingId {
        use rand::RngCore;
        let mut bytes = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut bytes);
        BookingId(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The id in `text` if it has the shape of one (32 hex digits). Anything else is
    /// unknown without asking the store: PostgreSQL refuses a text holding a NUL outright
    /// (an error, not "no row"), and a 10 kB "id" is no reason for a query.
    pub fn parse(text: &str) -> Option<BookingId> {
        BookingId::is_well_formed(text).then(|| BookingId(text.to_owned()))
    }

    pub fn is_well_formed(text: &str) -> bool {
        text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The short reference people read over the phone (`PJ7K-3QXD`, issue 12): the
    /// first 40 bits of the id; the id itself stays internal.
    pub fn reference(&self) -> String {
        reference_of(&self.0)
    }
}

/// The short reference of the booking whose id is `id` (the id itself if it is not one).
pub fn reference_of(id: &str) -> String {
    epasapoarte_domain::booking::BookingReference::of_id(id)
        .map_or_else(|| id.to_owned(), |reference| reference.to_string())
}

impl fmt::Display for BookingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_serialise_as_their_raw_value() {
        assert_eq!(serde_json::to_string(&OfficeId(7)).unwrap(), "7");
        assert_eq!(
            serde_json::to_string(&BookingId("AB12".into())).unwrap(),
            "\"AB12\""
        );
        assert_eq!(serde_json::from_str::<OfficeId>("7").unwrap(), OfficeId(7));
    }

    #[test]
    fn booking_ids_are_random_and_parse_back() {
        let (a, b) = (BookingId::generate(), BookingId::generate());
        assert_ne!(a, b);
        assert_eq!(BookingId::parse(a.as_str()), Some(a.clone()));
        assert_eq!(BookingId::parse("bk_nope"), None);
        assert_eq!(BookingId::parse(&format!("{}\0", &a.as_str()[..31])), None);
    }

    #[test]
    fn office_ids_parse_from_digits_only() {
        assert_eq!("12".parse::<OfficeId>(), Ok(OfficeId(12)));
        assert!("12a".parse::<OfficeId>().is_err());
        assert!("".parse::<OfficeId>().is_err());
    }
}
