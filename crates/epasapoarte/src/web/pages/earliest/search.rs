//! The "Cel mai devreme loc liber" form (also on `/birouri`) and the reading of its query:
//! a service, a number of persons (1 to the most any office allows), and a county or ""
//! for the whole country. Parsed with the booking's own parsers; problems are field ids
//! with catalogue keys (the API's `field.*` keys).

use epasapoarte_domain::county::{COUNTIES, County};
use epasapoarte_domain::passport::PassportType;

use super::super::query;
use crate::service::input::parse_service;
use crate::web::page::Chrome;

/// The form's choices and current values.
pub struct SearchForm {
    pub service: String,
    pub persons: String,
    pub county: String,
    pub services: Vec<(&'static str, &'static str)>,
    pub persons_choices: Vec<String>,
    pub counties: Vec<(&'static str, &'static str)>,
    /// The largest family any office takes: the choices go up to it, never beyond.
    pub largest: u16,
}

impl SearchForm {
    /// The empty form; `largest` is the largest family any office takes.
    pub fn blank(chrome: &Chrome, largest: u16) -> SearchForm {
        SearchForm {
            service: PassportType::Electronic.as_str().to_owned(),
            persons: "1".to_owned(),
            county: String::new(),
            services: PassportType::ALL
                .iter()
                .map(|p| (p.as_str(), chrome.lang.t(p.key())))
                .collect(),
            persons_choices: (1..=largest.max(1)).map(|n| n.to_string()).collect(),
            counties: COUNTIES.iter().map(|c| (c.code(), c.name())).collect(),
            largest: largest.max(1),
        }
    }

    pub fn is_service(&self, value: &str) -> bool {
        self.service == value
    }

    pub fn is_persons(&self, value: &str) -> bool {
        self.persons == value
    }

    pub fn is_county(&self, value: &str) -> bool {
        self.county.eq_ignore_ascii_case(value)
    }
}

/// A well-formed search.
pub struct Criteria {
    pub passport: PassportType,
    pub persons: u16,
    /// `None`: the whole country.
    pub county: Option<&'static County>,
}

/// A problem: the id of the field the error summary links to, and the message's key.
pub type Problem = (&'static str, &'static str);

/// Reads the query into `form` (to show it again) and into criteria. `None` when no search
/// was asked (the page shows the empty form).
pub fn read(raw: Option<&str>, form: &mut SearchForm) -> Option<Result<Criteria, Vec<Problem>>> {
    let param = |name| query::param(raw, name);
    let (service, persons, county) = (param("serviciu"), param("persoane"), param("judet"));
    if service.is_none() && persons.is_none() && county.is_none() {
        return None;
    }
    form.service = service.unwrap_or_default();
    form.persons = persons.unwrap_or_default();
    form.county = county.unwrap_or_default();
    let mut problems = Vec::new();
    let passport = parse_service(&form.service);
    if passport.is_none() {
        problems.push((
            "earliest-service-passport_electronic",
            "field.unknown_service",
        ));
    }
    let count = form.persons.parse::<u16>().ok();
    match count {
        Some(n) if (1..=form.largest).contains(&n) => {}
        Some(0) => problems.push(("earliest-persons", "field.invalid_number")),
        Some(_) => problems.push(("earliest-persons", "field.too_many_persons")),
        None => problems.push(("earliest-persons", "field.invalid_number")),
    }
    let area = County::by_code(&form.county);
    if area.is_none() && !form.county.is_empty() {
        problems.push(("earliest-county", "field.unknown_county"));
    }
    Some(match (passport, count) {
        (Some(passport), Some(persons)) if problems.is_empty() => Ok(Criteria {
            passport,
            persons,
            county: area,
        }),
        _ => Err(problems),
    })
}
