//! The two ways to ask for an application's status (J6), read from the form: the
//! application number, or the last 9 digits of the CNP with the date the application was
//! submitted (day, month and year as three fields). Each problem names the field it
//! belongs to and a catalogue key.

use chrono::NaiveDate;

use crate::service::input::parse_date;
use crate::web::form::Form;

/// A well-formed question (malformed input is told apart from "not found").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    Number(String),
    Cnp { last9: String, submitted: NaiveDate },
}

/// A field's problem: the id the error summary links to, and the message's key.
pub type Problem = (&'static str, &'static str);

const NUMBER_MAX_CHARS: usize = 40;

pub fn parse(form: &Form, today: NaiveDate) -> Result<Question, Vec<Problem>> {
    match method(form) {
        "cnp" => parse_cnp(form, today),
        _ => parse_number(form.get("number")),
    }
}

/// The way asked: the radio if one was chosen, else what was typed (issue 12: the page
/// does not demand a choice first) — the number when nothing was.
pub fn method(form: &Form) -> &'static str {
    match form.get("method") {
        "number" => "number",
        "cnp" => "cnp",
        _ if form.get("number").trim().is_empty()
            && [
                "cnp_last9",
                "submitted_day",
                "submitted_month",
                "submitted_year",
            ]
            .iter()
            .any(|field| !form.get(field).trim().is_empty()) =>
        {
            "cnp"
        }
        _ => "number",
    }
}

fn parse_number(text: &str) -> Result<Question, Vec<Problem>> {
    if text.is_empty() {
        return Err(vec![("number", "web.status.error.number_required")]);
    }
    let well_formed = text.chars().count() <= NUMBER_MAX_CHARS
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | ' '));
    if well_formed {
        Ok(Question::Number(text.to_owned()))
    } else {
        Err(vec![("number", "web.status.error.number_invalid")])
    }
}

fn parse_cnp(form: &Form, today: NaiveDate) -> Result<Question, Vec<Problem>> {
    let mut problems = Vec::new();
    // People type digits in groups; spaces carry nothing.
    let last9: String = form.get("cnp_last9").replace(' ', "");
    if last9.is_empty() {
        problems.push(("cnp_last9", "web.status.error.cnp_required"));
    } else if last9.len() != 9 || !last9.bytes().all(|b| b.is_ascii_digit()) {
        problems.push(("cnp_last9", "web.status.error.cnp_invalid"));
    }
    let submitted = parse_submitted(form, today);
    if let Err(problem) = submitted {
        problems.push(problem);
    }
    match submitted {
        Ok(submitted) if problems.is_empty() => Ok(Question::Cnp { last9, submitted }),
        _ => Err(problems),
    }
}

/// Day, month and year as typed ("3", "12", "2026") into a real date, not in the future.
fn parse_submitted(form: &Form, today: NaiveDate) -> Result<NaiveDate, Problem> {
    let parts = ["submitted_day", "submitted_month", "submitted_year"].map(|name| form.get(name));
    if parts.iter().all(|part| part.is_empty()) {
        return Err(("submitted_day", "web.status.error.date_required"));
    }
    let numbers = parts.map(|part| {
        (!part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    });
    let date = match numbers {
        [Some(day), Some(month), Some(year)] if (1000..=9999).contains(&year) => {
            parse_date(&format!("{year:04}-{month:02}-{day:02}"))
        }
        _ => None,
    };
    match date {
        Some(date) if date > today => Err(("submitted_day", "web.status.error.date_future")),
        Some(date) => Ok(date),
        None => Err(("submitted_day", "web.status.error.date_invalid")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
    }

    fn ask(pairs: &[(&str, &str)]) -> Result<Question, Vec<Problem>> {
        parse(&Form::from_pairs(pairs), today())
    }

    #[test]
    fn a_number_question_is_well_formed() {
        assert_eq!(
            ask(&[("method", "number"), ("number", "CJ-2026/000123")]),
            Ok(Question::Number("CJ-2026/000123".into()))
        );
    }

    #[test]
    fn a_cnp_question_reads_the_three_date_fields() {
        let answer = ask(&[
            ("method", "cnp"),
            ("cnp_last9", "850101 123"),
            ("submitted_day", "3"),
            ("submitted_month", "11"),
            ("submitted_year", "2026"),
        ]);
        assert_eq!(
            answer,
            Ok(Question::Cnp {
                last9: "850101123".into(),
                submitted: NaiveDate::from_ymd_opt(2026, 11, 3).unwrap_or_default(),
            })
        );
    }

    #[test]
    fn without_a_chosen_way_what_was_typed_decides() {
        assert_eq!(
            ask(&[("number", "CJ-2026/000123")]),
            Ok(Question::Number("CJ-2026/000123".into()))
        );
        let by_cnp = ask(&[
            ("cnp_last9", "850101123"),
            ("submitted_day", "3"),
            ("submitted_month", "11"),
            ("submitted_year", "2026"),
        ]);
        assert!(matches!(by_cnp, Ok(Question::Cnp { .. })), "{by_cnp:?}");
        assert_eq!(
            ask(&[]),
            Err(vec![("number", "web.status.error.number_required")])
        );
    }

    #[test]
    fn malformed_cnp_digits_and_impossible_dates_are_both_reported() {
        let answer = ask(&[
            ("method", "cnp"),
            ("cnp_last9", "12345678x"),
            ("submitted_day", "31"),
            ("submitted_month", "2"),
            ("submitted_year", "2026"),
        ]);
        assert_eq!(
            answer,
            Err(vec![
                ("cnp_last9", "web.status.error.cnp_invalid"),
                ("submitted_day", "web.status.error.date_invalid"),
            ])
        );
    }

    #[test]
    fn a_submission_date_in_the_future_is_refused() {
        let answer = ask(&[
            ("method", "cnp"),
            ("cnp_last9", "123456789"),
            ("submitted_day", "2"),
            ("submitted_month", "12"),
            ("submitted_year", "2026"),
        ]);
        assert_eq!(
            answer,
            Err(vec![("submitted_day", "web.status.error.date_future")])
        );
    }

    #[test]
    fn hostile_numbers_are_malformed_not_errors() {
        for number in ["<script>", "x".repeat(41).as_str(), "٣٣", "1\u{a0}2"] {
            assert_eq!(
                ask(&[("method", "number"), ("number", number)]),
                Err(vec![("number", "web.status.error.number_invalid")]),
                "{number:?}"
            );
        }
    }
}
