//! A draw entry parsed at the edge: the same person fields as a booking (and the same
//! parser, [`BookingFields::parse`], so a page, the API and a booking never disagree),
//! plus 1–3 ranked offices, a part of the day and the waitlist wish.

use chrono::{NaiveDate, NaiveTime};
use epasapoarte_domain::fair::PartOfDay;
use epasapoarte_domain::passport::PassportType;
use serde::Deserialize;

use crate::i18n::Lang;
use crate::ids::OfficeId;
use crate::service::FieldErrors;
use crate::service::input::{
    ApplicantInput, BookingFields, CompanionInput, Email, Person, PersonText, Phone,
};

/// The most offices an entry may rank.
pub const MAX_OFFICES: usize = 3;

/// `POST /api/v1/draw/entries`, as received.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DrawEntryRequest {
    /// 1–3 offices, most wanted first.
    #[schema(value_type = Vec<i64>)]
    pub office_ids: Vec<OfficeId>,
    /// `passport_electronic` or `passport_temporary`.
    pub service: String,
    pub applicant: ApplicantInput,
    #[serde(default)]
    pub companions: Vec<CompanionInput>,
    /// `any` (default), `morning` (before 12:00) or `afternoon`.
    #[serde(default)]
    pub part_of_day: Option<String>,
    /// A place on the waitlist if the entry wins nothing.
    #[serde(default)]
    pub wants_waitlist: bool,
    #[serde(default)]
    pub consent: bool,
    /// `ro` (default) or `en`: the language of the e-mails.
    #[serde(default)]
    pub lang: Option<String>,
}

/// An entry whose every field is well-formed.
#[derive(Clone, Debug)]
pub struct ParsedEntry {
    pub offices: Vec<OfficeId>,
    pub service: PassportType,
    pub persons: Vec<Person>,
    pub email: Email,
    pub phone: Option<Phone>,
    pub part_of_day: PartOfDay,
    pub wants_waitlist: bool,
    pub consent: bool,
    pub lang: Lang,
}

/// An entry's fields as an edge holds them.
pub struct EntryFields<'a> {
    pub office_ids: Vec<OfficeId>,
    pub service: &'a str,
    pub applicant: PersonText<'a>,
    pub companions: Vec<PersonText<'a>>,
    pub email: &'a str,
    pub phone: Option<&'a str>,
    /// Blank reads as `any`.
    pub part_of_day: &'a str,
    pub wants_waitlist: bool,
    pub consent: bool,
    pub lang: Lang,
}

impl DrawEntryRequest {
    /// Parses the API's body, collecting every error at once.
    pub fn parse(&self, today: NaiveDate) -> Result<ParsedEntry, FieldErrors> {
        EntryFields {
            office_ids: self.office_ids.clone(),
            service: &self.service,
            applicant: self.applicant.person_text(),
            companions: self
                .companions
                .iter()
                .map(CompanionInput::person_text)
                .collect(),
            email: &self.applicant.email,
            phone: self.applicant.phone.as_deref(),
            part_of_day: self.part_of_day.as_deref().unwrap_or(""),
            wants_waitlist: self.wants_waitlist,
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

impl EntryFields<'_> {
    /// Every field at once, under the API's field paths (`office_ids`, `part_of_day`,
    /// `applicant.cnp`, `companions[0].last_name`…).
    pub fn parse(&self, today: NaiveDate) -> Result<ParsedEntry, FieldErrors> {
        // The booking's parser, with the date and time an entry does not have.
        let booking = BookingFields {
            office_id: self.office_ids.first().copied().unwrap_or(OfficeId(0)),
            service: self.service,
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
        let mut errors = booking.as_ref().err().cloned().unwrap_or_default();
        let mut distinct = self.office_ids.clone();
        distinct.sort_unstable();
        distinct.dedup();
        if self.office_ids.is_empty()
            || self.office_ids.len() > MAX_OFFICES
            || distinct.len() != self.office_ids.len()
        {
            errors.add("office_ids", "office_ids_count");
        }
        let part = self.part_of_day.trim();
        let part_of_day = if part.is_empty() {
            Some(PartOfDay::Any)
        } else {
            part.parse().ok()
        };
        if part_of_day.is_none() {
            errors.add("part_of_day", "part_of_day_invalid");
        }
        match (booking, part_of_day) {
            (Ok(booking), Some(part_of_day)) if errors.is_empty() => Ok(ParsedEntry {
                offices: self.office_ids.clone(),
                service: booking.service,
                persons: booking.persons,
                email: booking.email,
                phone: booking.phone,
                part_of_day,
                wants_waitlist: self.wants_waitlist,
                consent: self.consent,
                lang: self.lang,
            }),
            _ => Err(errors),
        }
    }
}
