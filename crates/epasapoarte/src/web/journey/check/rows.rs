//! The check page's summary list: one row per answer with its "Schimbă" link, and the way
//! a service error's field path (`applicant.cnp`, `companions[0].cnp`, `date`, …) finds
//! the row that shows it.

use epasapoarte_domain::county::County;

use super::super::flow::Step;
use super::super::state::Journey;
use crate::i18n::Lang;
use crate::i18n::format::{clock, date as long_date, person_name, zone_in_text};
use crate::store::OfficeRecord;

/// One answer as the check page shows it.
#[derive(Debug, Clone)]
pub struct Row {
    /// The element id the error summary links to.
    pub id: String,
    pub key: String,
    pub values: Vec<String>,
    /// The step that changes this answer.
    pub change: &'static str,
    pub error: Option<String>,
}

fn row(id: &str, key: String, values: Vec<String>, change: Step) -> Row {
    Row {
        id: id.to_owned(),
        key,
        values,
        change: change.path(),
        error: None,
    }
}

/// Person `n`'s row id (the applicant is person 1).
pub fn person_row(n: usize) -> String {
    format!("row-person-{n}")
}

pub fn rows(lang: Lang, journey: &Journey, office: &OfficeRecord) -> Vec<Row> {
    let mut rows = appointment_rows(lang, journey, office);
    rows.extend(person_rows(lang, journey));
    rows.extend(contact_rows(lang, journey));
    rows
}

/// Where, what and when: county, office, service, persons, date, time.
fn appointment_rows(lang: Lang, journey: &Journey, office: &OfficeRecord) -> Vec<Row> {
    let county = journey
        .county
        .as_deref()
        .and_then(County::by_code)
        .map(|c| c.name().to_owned())
        .unwrap_or_default();
    let service = journey
        .service()
        .map(|s| lang.t(s.key()).to_owned())
        .unwrap_or_default();
    let time = journey
        .time
        .map(|t| {
            lang.tf(
                "web.journey.check.time_value",
                &[
                    ("time", &clock(t)),
                    ("zone", &zone_in_text(lang, office.timezone)),
                ],
            )
        })
        .unwrap_or_default();
    let date = journey.date.map(|d| long_date(lang, d));
    let label = |key: &str| lang.t(key).to_owned();
    vec![
        row(
            "row-county",
            label("web.journey.county.label"),
            vec![county],
            Step::County,
        ),
        row(
            "row-office",
            label("web.journey.office.label"),
            vec![office.name.clone(), office.address.clone()],
            Step::Office,
        ),
        row(
            "row-service",
            label("web.journey.service.label"),
            vec![service],
            Step::Service,
        ),
        row(
            "row-persons",
            label("web.journey.persons.label"),
            vec![journey.persons().to_string()],
            Step::Persons,
        ),
        row(
            "row-date",
            label("web.journey.date.label"),
            date.into_iter().collect(),
            Step::Date,
        ),
        row(
            "row-time",
            label("web.journey.time.label"),
            vec![time],
            Step::Time,
        ),
    ]
}

/// One row per person: the applicant first, then each companion, names and masked CNP.
fn person_rows(lang: Lang, journey: &Journey) -> Vec<Row> {
    let applicant = journey.applicant.clone().unwrap_or_default();
    let people = std::iter::once((applicant.last_name, applicant.first_name, applicant.cnp)).chain(
        journey
            .companions
            .iter()
            .map(|c| (c.last_name.clone(), c.first_name.clone(), c.cnp.clone())),
    );
    people
        .enumerate()
        .map(|(i, (last, first, cnp))| {
            let n = i + 1;
            let (key, change) = if n == 1 {
                (
                    lang.t("web.journey.check.applicant").to_owned(),
                    Step::Applicant,
                )
            } else {
                let key = lang.tf("web.journey.companions.person", &[("n", &n.to_string())]);
                (key, Step::Companions)
            };
            let values = vec![
                person_name(lang, &last, &first),
                lang.tf("web.journey.check.cnp_value", &[("cnp", &masked_cnp(&cnp))]),
            ];
            row(&person_row(n), key, values, change)
        })
        .collect()
}

/// How the office reaches the applicant: e-mail and (optional) phone.
fn contact_rows(lang: Lang, journey: &Journey) -> Vec<Row> {
    let applicant = journey.applicant.clone().unwrap_or_default();
    let phone = if applicant.phone.is_empty() {
        lang.t("web.journey.check.no_phone").to_owned()
    } else {
        applicant.phone
    };
    vec![
        row(
            "row-email",
            lang.t("web.journey.applicant.email").into(),
            vec![applicant.email],
            Step::Applicant,
        ),
        row(
            "row-phone",
            lang.t("web.journey.check.phone").into(),
            vec![phone],
            Step::Applicant,
        ),
    ]
}

/// The row that shows a service error's field (`companions[1].cnp` → person 3).
pub fn row_for_field(path: &str) -> String {
    let head = path.split('.').next().unwrap_or(path);
    match head {
        "office_id" => "row-office".into(),
        "service" => "row-service".into(),
        "persons" | "companions" => "row-persons".into(),
        "date" => "row-date".into(),
        "time" => "row-time".into(),
        "applicant" => match path {
            "applicant.email" => "row-email".into(),
            "applicant.phone" => "row-phone".into(),
            _ => person_row(1),
        },
        _ => head
            .strip_prefix("companions[")
            .and_then(|rest| rest.strip_suffix(']'))
            .and_then(|index| index.parse::<usize>().ok())
            .map_or_else(|| "row-office".into(), |index| person_row(index + 2)),
    }
}

/// "*********3456": enough for the citizen to recognise their own CNP on the check page,
/// not enough to be worth reading over a shoulder.
fn masked_cnp(cnp: &str) -> String {
    let digits: Vec<char> = cnp.chars().collect();
    let keep = digits.len().min(4);
    let hidden = digits.len() - keep;
    let mut out = "*".repeat(hidden);
    out.extend(&digits[hidden..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_field_paths_find_their_rows() {
        assert_eq!(row_for_field("applicant.cnp"), "row-person-1");
        assert_eq!(row_for_field("applicant.email"), "row-email");
        assert_eq!(row_for_field("companions[0].cnp"), "row-person-2");
        assert_eq!(row_for_field("companions[12].last_name"), "row-person-14");
        assert_eq!(row_for_field("companions"), "row-persons");
        assert_eq!(row_for_field("date"), "row-date");
        assert_eq!(row_for_field("time"), "row-time");
        assert_eq!(row_for_field("companions[x].cnp"), "row-office");
    }
    #[test]
    fn a_masked_cnp_shows_only_its_last_four_digits() {
        assert_eq!(masked_cnp("1850101123456"), "*********3456");
        assert_eq!(masked_cnp("12"), "12");
    }
}
