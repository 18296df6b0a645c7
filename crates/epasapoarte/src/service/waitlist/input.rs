//! The waitlist request (`POST /api/v1/waitlist` and the page's form) and its parsing.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveTime};
use epasapoarte_domain::passport::PassportType;
use serde::Deserialize;

use crate::i18n::Lang;
use crate::ids::OfficeId;
use crate::service::FieldErrors;
use crate::service::input::{
    ApplicantInput, BookingFields, CompanionInput, ParsedBooking, PersonText,
};

/// The waitlist body (`POST /api/v1/waitlist`): the person fields of a booking, up to 3
/// offices, a date range and the number of persons. Unknown fields are refused.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WaitlistRequest {
    /// `passport_electronic` (default) or `passport_temporary`.
    #[serde(default)]
    pub service: Option<String>,
    /// 1 to 3 office ids, any of which would do.
    #[schema(value_type = Vec<i64>)]
    pub office_ids: Vec<OfficeId>,
    /// First acceptable date, `YYYY-MM-DD`.
    pub date_from: String,
    /// Last acceptable date, `YYYY-MM-DD`.
    pub date_to: String,
    /// How many persons (the applicant and the companions).
    pub persons: u16,
    pub applicant: ApplicantInput,
    #[serde(default)]
    pub companions: Vec<CompanionInput>,
    #[serde(default)]
    pub consent: bool,
    /// `ro` (default) or `en`: the language of the e-mails.
    #[serde(default)]
    pub lang: Option<String>,
}

/// A waitlist request whose every field is well-formed.
#[derive(Debug, Clone)]
pub struct ParsedWaitlist {
    pub offices: Vec<OfficeId>,
    pub date_from: NaiveDate,
    pub date_to: NaiveDate,
    /// Persons, e-mail, service, consent and language, as for a booking.
    pub booking: ParsedBooking,
}

/// The fields of a waitlist request as an edge holds them (API or form).
pub struct WaitlistFields<'a> {
    pub service: &'a str,
    pub offices: Vec<OfficeId>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    pub persons: Option<u16>,
    pub applicant: PersonText<'a>,
    pub companions: Vec<PersonText<'a>>,
    pub email: &'a str,
    pub phone: Option<&'a str>,
    pub consent: bool,
    pub lang: Lang,
}

impl WaitlistFields<'_> {
    /// Parses every field, collecting all errors at once (field paths as the API's).
    pub fn parse(&self, today: NaiveDate) -> Result<ParsedWaitlist, FieldErrors> {
        let person = BookingFields {
            office_id: self.offices.first().copied().unwrap_or(OfficeId(0)),
            service: self.service,
            // The booking parser wants a slot; the waitlist has a range instead.
            date: Some(today),
            time: Some(NaiveTime::MIN),
            applicant: self.applicant,
            companions: self.companions.clone(),
            email: self.email,
            phone: self.phone,
            consent: self.consent,
            lang: self.lang,
        }
        .parse(today);
        let mut errors = match &person {
            Ok(_) => FieldErrors::default(),
            Err(errors) => errors.clone(),
        };
        let distinct: HashSet<_> = self.offices.iter().collect();
        if self.offices.is_empty()
            || self.offices.len() > super::MAX_OFFICES
            || distinct.len() != self.offices.len()
        {
            errors.add("office_ids", "choose_offices");
        }
        match self.date_from {
            None => errors.add("date_from", "invalid_date"),
            Some(from) if from < today => errors.add("date_from", "in_the_past"),
            Some(_) => {}
        }
        match (self.date_from, self.date_to) {
            (_, None) => errors.add("date_to", "invalid_date"),
            (Some(from), Some(to)) if to < from => errors.add("date_to", "invalid_range"),
            (Some(from), Some(to)) if (to - from).num_days() > super::MAX_RANGE_DAYS => {
                errors.add("date_to", "range_too_long");
            }
            _ => {}
        }
        match self.persons {
            None => errors.add("persons", "invalid_number"),
            Some(n) if usize::from(n) != 1 + self.companions.len() => {
                errors.add("persons", "persons_mismatch");
            }
            Some(_) => {}
        }
        match (person, self.date_from, self.date_to) {
            (Ok(booking), Some(date_from), Some(date_to)) if errors.is_empty() => {
                Ok(ParsedWaitlist {
                    offices: self.offices.clone(),
                    date_from,
                    date_to,
                    booking,
                })
            }
            _ => Err(errors),
        }
    }
}

impl WaitlistRequest {
    pub fn parse(&self, today: NaiveDate) -> Result<ParsedWaitlist, FieldErrors> {
        WaitlistFields {
            service: self
                .service
                .as_deref()
                .unwrap_or(PassportType::Electronic.as_str()),
            offices: self.office_ids.clone(),
            date_from: crate::service::input::parse_date(&self.date_from),
            date_to: crate::service::input::parse_date(&self.date_to),
            persons: Some(self.persons),
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
