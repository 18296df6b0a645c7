//! What a clerk (or an admin) types, parsed once into domain values with one error per
//! field, like the booking input (`service::input`): codes are translation keys `field.*`,
//! the application-specific ones under `field.application.*`. The same parser will serve
//! the back-office form and any JSON caller.

use chrono::NaiveDate;
use epasapoarte_domain::county::County;
use epasapoarte_domain::passport::{Bani, ParseBaniError, PassportType};
use serde::{Deserialize, Serialize};

use crate::ids::OfficeId;
use crate::service::FieldErrors;
use crate::service::input::{Email, PersonName, parse_service};

/// A registration as typed at the counter. With a booking, empty names and CNP are taken
/// from the booking; given ones must name the same person (same CNP).
#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationRequest {
    /// The submitting office.
    pub office_id: OfficeId,
    #[serde(default)]
    pub booking_id: Option<String>,
    /// The person's 1-based position in the booking.
    #[serde(default)]
    pub person: Option<u32>,
    /// `passport_electronic` or `passport_temporary`.
    pub passport_type: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub cnp: String,
    /// For the "ready"/"shipped" e-mails; defaults to the booking's address.
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub domicile_abroad: bool,
    pub receipt_number: String,
    /// Lei as typed on the receipt: "258", "258,00", "11.30".
    pub receipt_amount: String,
    /// Another passport office to collect it from (default: the submitting office).
    #[serde(default)]
    pub pickup_office_id: Option<OfficeId>,
    /// A consular mission to collect it from (electronic passports only).
    #[serde(default)]
    pub pickup_mission: Option<String>,
    #[serde(default)]
    pub courier: bool,
    #[serde(default)]
    pub courier_address: Option<CourierAddress>,
    /// The holder asks to be e-mailed 6 months before the new passport expires (issue 12);
    /// needs an e-mail address.
    #[serde(default)]
    pub expiry_reminder: bool,
}

// Personal data never reaches a log line through Debug.
impl std::fmt::Debug for ApplicationRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApplicationRequest(<personal data>)")
    }
}

/// A delivery address in Romania (sealed as JSON when stored).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourierAddress {
    /// Street, number, building, flat.
    pub street: String,
    /// Town or commune.
    pub locality: String,
    /// County code (`CJ`, `B`, …).
    pub county: String,
    /// Six digits.
    pub postal_code: String,
}

impl std::fmt::Debug for CourierAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CourierAddress(<personal data>)")
    }
}

/// A restriction as an admin types it.
#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestrictionRequest {
    pub cnp: String,
    pub legal_basis: String,
    /// `YYYY-MM-DD`; empty: today.
    #[serde(default)]
    pub starts_on: String,
    /// `YYYY-MM-DD`, the last day it is in force.
    pub ends_on: String,
}

impl std::fmt::Debug for RestrictionRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RestrictionRequest(<personal data>)")
    }
}

pub const RECEIPT_NUMBER_MAX: usize = 40;
pub const MISSION_MAX: usize = 120;
pub const REASON_MAX: usize = 500;
pub const STREET_MAX: usize = 200;

/// Trimmed text of 1..=max characters from a set, or the field's error code.
fn text(
    input: &str,
    max: usize,
    allowed: impl Fn(char) -> bool,
    invalid: &'static str,
) -> Result<String, &'static str> {
    let collapsed = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return Err("required");
    }
    if collapsed.chars().count() > max {
        return Err("too_long");
    }
    if !collapsed.chars().all(allowed) {
        return Err(invalid);
    }
    Ok(collapsed)
}

/// A receipt's number: letters, digits and the separators printed on receipts.
pub fn receipt_number(input: &str) -> Result<String, &'static str> {
    text(
        input,
        RECEIPT_NUMBER_MAX,
        |c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '/' | '.'),
        "application.receipt_number_invalid",
    )
}

/// A receipt's amount in lei.
pub fn receipt_amount(input: &str) -> Result<Bani, &'static str> {
    input.parse::<Bani>().map_err(|error| match error {
        ParseBaniError::Empty => "required",
        _ => "application.amount_invalid",
    })
}

/// A consular mission's name, e.g. "Consulatul General al României la Milano".
pub fn mission(input: &str) -> Result<String, &'static str> {
    text(
        input,
        MISSION_MAX,
        |c| c.is_alphabetic() || c.is_ascii_digit() || " -.,'’()".contains(c),
        "application.mission_invalid",
    )
}

/// A free-text reason (rejection, legal basis): printable, at most `max` characters.
pub fn reason(input: &str, max: usize) -> Result<String, &'static str> {
    text(
        input,
        max,
        |c| !c.is_control(),
        "application.reason_invalid",
    )
}

pub fn passport_type(input: &str) -> Result<PassportType, &'static str> {
    parse_service(input).ok_or("unknown_service")
}

pub fn optional_email(input: Option<&str>) -> Result<Option<Email>, &'static str> {
    match input.map(str::trim).filter(|e| !e.is_empty()) {
        Some(email) => Email::parse(email).map(Some),
        None => Ok(None),
    }
}

pub fn name(input: &str) -> Result<PersonName, &'static str> {
    PersonName::parse(input)
}

impl CourierAddress {
    /// The address cleaned up (spaces collapsed, county code canonical), or its field
    /// errors under `prefix` (`courier_address.street`, …).
    pub fn parse(&self, prefix: &str, errors: &mut FieldErrors) -> Option<CourierAddress> {
        let street = text(&self.street, STREET_MAX, |c| !c.is_control(), "required");
        let locality = PersonName::parse(&self.locality).map(|n| n.as_str().to_owned());
        let county = County::by_code(self.county.trim())
            .map(|c| c.code().to_owned())
            .ok_or(if self.county.trim().is_empty() {
                "required"
            } else {
                "unknown_county"
            });
        let postal = self.postal_code.trim();
        let postal_code = if postal.is_empty() {
            Err("required")
        } else if postal.len() == 6 && postal.bytes().all(|b| b.is_ascii_digit()) {
            Ok(postal.to_owned())
        } else {
            Err("application.postal_code_invalid")
        };
        let mut field = |name: &str, result: Result<String, &'static str>| {
            result
                .map_err(|code| errors.add(format!("{prefix}.{name}"), code))
                .ok()
        };
        let parsed = (
            field("street", street),
            field("locality", locality),
            field("county", county),
            field("postal_code", postal_code),
        );
        match parsed {
            (Some(street), Some(locality), Some(county), Some(postal_code)) => {
                Some(CourierAddress {
                    street,
                    locality,
                    county,
                    postal_code,
                })
            }
            _ => None,
        }
    }
}

/// An optional `YYYY-MM-DD` date: empty is `default`.
pub fn date_or(input: &str, default: NaiveDate) -> Result<NaiveDate, &'static str> {
    if input.trim().is_empty() {
        return Ok(default);
    }
    crate::service::input::parse_date(input).ok_or("invalid_date")
}

#[cfg(test)]
mod tests;
