//! Parse, don't validate: a citizen's booking becomes domain values here, once, at the
//! edge, with one error per field; the service takes only the parsed [`ParsedBooking`].
//! The same parser ([`BookingFields::parse`]) serves the JSON API (whose body,
//! [`BookingRequest`], is read into it) and the booking journey (whose answers are), so a
//! page and the API can never disagree on what is valid, and neither goes through the
//! other's form. Error messages are translation keys (`field.*` in the catalogues).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use epasapoarte_domain::cnp::Cnp;
use epasapoarte_domain::passport::PassportType;
use serde::Deserialize;

use crate::i18n::Lang;
use crate::ids::{BookingId, OfficeId};

mod person;

pub use person::{Email, PersonName, Phone};

/// A field's error: a stable code (also the translation key `field.<code>`) and, for the
/// CNP, the domain rule that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub code: &'static str,
}

/// Errors by field path (`applicant.cnp`, `companions[0].last_name`, …), in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<String, FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: impl Into<String>, code: &'static str) {
        self.0.entry(field.into()).or_insert(FieldError { code });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn single(field: &str, code: &'static str) -> FieldErrors {
        let mut errors = FieldErrors::default();
        errors.add(field, code);
        errors
    }
}

/// The booking body of SPEC §6.2, as received. Unknown fields are refused.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BookingRequest {
    #[schema(value_type = i64)]
    pub office_id: OfficeId,
    /// `passport_electronic` or `passport_temporary`.
    pub service: String,
    /// Office-local date, `YYYY-MM-DD`.
    pub date: String,
    /// Office-local time, `HH:MM`.
    pub time: String,
    pub applicant: ApplicantInput,
    #[serde(default)]
    pub companions: Vec<CompanionInput>,
    #[serde(default)]
    pub consent: bool,
    /// `ro` (default) or `en`: the language of the e-mails.
    #[serde(default)]
    pub lang: Option<String>,
}

#[derive(Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicantInput {
    pub last_name: String,
    pub first_name: String,
    pub cnp: String,
    pub email: String,
    #[serde(default)]
    pub phone: Option<String>,
}

#[derive(Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompanionInput {
    pub last_name: String,
    pub first_name: String,
    pub cnp: String,
}

// Personal data never reaches a log line through Debug.
impl std::fmt::Debug for ApplicantInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApplicantInput(<personal data>)")
    }
}

impl std::fmt::Debug for CompanionInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CompanionInput(<personal data>)")
    }
}

/// One person of a parsed booking (Debug shows no personal data: every field redacts itself).
#[derive(Clone, Debug)]
pub struct Person {
    pub last_name: PersonName,
    pub first_name: PersonName,
    pub cnp: Cnp,
}

/// A request whose every field is well-formed. Office-dependent checks (service offered,
/// persons allowed, the time being a real bookable slot) come after, with the office.
#[derive(Clone, Debug)]
pub struct ParsedBooking {
    pub office_id: OfficeId,
    pub service: PassportType,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub persons: Vec<Person>,
    pub email: Email,
    pub phone: Option<Phone>,
    pub consent: bool,
    /// The language of the e-mails.
    pub lang: Lang,
}

impl ApplicantInput {
    /// The applicant's person fields as typed (the API's DTOs and the pages share them).
    pub fn person_text(&self) -> PersonText<'_> {
        PersonText {
            last_name: &self.last_name,
            first_name: &self.first_name,
            cnp: &self.cnp,
        }
    }
}

impl CompanionInput {
    /// A companion's fields as typed.
    pub fn person_text(&self) -> PersonText<'_> {
        PersonText {
            last_name: &self.last_name,
            first_name: &self.first_name,
            cnp: &self.cnp,
        }
    }
}

/// One person's names and CNP as typed.
#[derive(Clone, Copy)]
pub struct PersonText<'a> {
    pub last_name: &'a str,
    pub first_name: &'a str,
    pub cnp: &'a str,
}

/// A booking's fields as an edge holds them: text where the citizen typed it, values
/// where the edge already has them (the journey keeps a chosen date and time as dates and
/// times; the API parses its strings into them first, see [`BookingRequest::parse`]).
pub struct BookingFields<'a> {
    pub office_id: OfficeId,
    pub service: &'a str,
    /// `None`: missing or not a date (`invalid_date`).
    pub date: Option<NaiveDate>,
    /// `None`: missing or not a time (`invalid_time`).
    pub time: Option<NaiveTime>,
    pub applicant: PersonText<'a>,
    pub companions: Vec<PersonText<'a>>,
    pub email: &'a str,
    /// Blank reads as none.
    pub phone: Option<&'a str>,
    pub consent: bool,
    pub lang: Lang,
}

/// The most persons any office may allow per booking (the office's own maximum applies too).
pub const MAX_PERSONS: usize = 10;

pub fn parse_service(text: &str) -> Option<PassportType> {
    text.trim().parse().ok()
}

/// Whether `text` can be a booking id (see [`BookingId::parse`]).
pub fn is_booking_id(text: &str) -> bool {
    BookingId::is_well_formed(text)
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    (text.len() == 10)
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    (text.len() == 5)
        .then(|| NaiveTime::parse_from_str(text, "%H:%M").ok())
        .flatten()
}

impl BookingRequest {
    /// Parses the API's body, collecting every error at once. `today` is Romania's date,
    /// the reference for CNP birth dates.
    pub fn parse(&self, today: NaiveDate) -> Result<ParsedBooking, FieldErrors> {
        BookingFields {
            office_id: self.office_id,
            service: &self.service,
            date: parse_date(&self.date),
            time: parse_time(&self.time),
            applicant: self.applicant.person_text(),
            companions: self
                .companions
                .iter()
                .map(CompanionInput::person_text)
                .collect(),
            email: &self.applicant.email,
            phone: self.applicant.phone.as_deref(),
            consent: self.consent,
            lang: self
                .lang
                .as_deref()
                .and_then(Lang::parse)
                .unwrap_or_default(),
        }
        .parse(today)
    }
}

impl BookingFields<'_> {
    /// Parses every field, collecting all errors at once, under the API's field paths
    /// (`applicant.cnp`, `companions[0].last_name`…). `today` is Romania's date, the
    /// reference for CNP birth dates.
    pub fn parse(&self, today: NaiveDate) -> Result<ParsedBooking, FieldErrors> {
        let mut errors = FieldErrors::default();
        let service = parse_service(self.service);
        if service.is_none() {
            errors.add("service", "unknown_service");
        }
        if self.date.is_none() {
            errors.add("date", "invalid_date");
        }
        if self.time.is_none() {
            errors.add("time", "invalid_time");
        }
        if 1 + self.companions.len() > MAX_PERSONS {
            errors.add("companions", "too_many_persons");
        }
        let mut persons = Vec::with_capacity(1 + self.companions.len());
        let people = std::iter::once(("applicant".to_owned(), self.applicant)).chain(
            self.companions
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("companions[{i}]"), *c)),
        );
        for (path, person) in people.take(MAX_PERSONS) {
            let last = PersonName::parse(person.last_name)
                .map_err(|code| errors.add(format!("{path}.last_name"), code));
            let first = PersonName::parse(person.first_name)
                .map_err(|code| errors.add(format!("{path}.first_name"), code));
            let cnp = Cnp::parse(person.cnp, today)
                .map_err(|error| errors.add(format!("{path}.cnp"), cnp_error_code(&error)));
            if let (Ok(last_name), Ok(first_name), Ok(cnp)) = (last, first, cnp) {
                if persons.iter().any(|p: &Person| p.cnp == cnp) {
                    errors.add(format!("{path}.cnp"), "cnp_duplicate");
                }
                persons.push(Person {
                    last_name,
                    first_name,
                    cnp,
                });
            }
        }
        let email = Email::parse(self.email).map_err(|code| errors.add("applicant.email", code));
        let phone = match self.phone.map(str::trim).filter(|p| !p.is_empty()) {
            Some(phone) => Phone::parse(phone)
                .map(Some)
                .map_err(|code| errors.add("applicant.phone", code)),
            None => Ok(None),
        };
        match (service, self.date, self.time, email, phone) {
            (Some(service), Some(date), Some(time), Ok(email), Ok(phone)) if errors.is_empty() => {
                Ok(ParsedBooking {
                    office_id: self.office_id,
                    service,
                    date,
                    time,
                    persons,
                    email,
                    phone,
                    consent: self.consent,
                    lang: self.lang,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The translation key of a CNP rule failure: `cnp_<rule>`, e.g. `cnp_check_digit`.
pub fn cnp_error_code(error: &epasapoarte_domain::cnp::CnpError) -> &'static str {
    use epasapoarte_domain::cnp::CnpError;
    match error {
        CnpError::Empty => "cnp_empty",
        CnpError::InvalidCharacter { .. } => "cnp_invalid_character",
        CnpError::Length { .. } => "cnp_length",
        CnpError::Sex => "cnp_sex",
        CnpError::BirthDate => "cnp_birth_date",
        CnpError::BirthDateInFuture => "cnp_birth_date_in_future",
        CnpError::County { .. } => "cnp_county",
        CnpError::Serial => "cnp_serial",
        CnpError::CheckDigit { .. } => "cnp_check_digit",
    }
}

#[cfg(test)]
mod tests;
