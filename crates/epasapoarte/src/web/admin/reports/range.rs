//! The report's date range from the query string: `de_la` and `pana_la`, office-local
//! calendar days as `YYYY-MM-DD`, both included. Missing ends default to the 30 days that
//! end today; a malformed date, a reversed range or one longer than
//! [`MAX_RANGE_DAYS`] is an error for that field (the page answers 422).

use chrono::{Duration, NaiveDate};

use crate::service::input::parse_date;
use crate::service::reports::MAX_RANGE_DAYS;

/// The default range: this many days, ending today.
pub const DEFAULT_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeForm {
    /// What was typed (or the default), echoed into the form.
    pub from_text: String,
    pub to_text: String,
    /// The range, when both ends are valid and it is not too long.
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// (field id, catalogue key)
    pub errors: Vec<(&'static str, &'static str)>,
}

impl RangeForm {
    pub fn parse(query: Option<&str>, today: NaiveDate) -> RangeForm {
        let (mut from_text, mut to_text) = (String::new(), String::new());
        for (key, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            let value: String = value.trim().chars().take(20).collect();
            match key.as_ref() {
                "de_la" => from_text = value,
                "pana_la" => to_text = value,
                _ => {}
            }
        }
        let mut errors = Vec::new();
        let mut end = |text: &mut String, field: &'static str, default: NaiveDate| {
            if text.is_empty() {
                *text = default.format("%Y-%m-%d").to_string();
                return Some(default);
            }
            let parsed = parse_date(text);
            if parsed.is_none() {
                errors.push((field, "admin.field.date_invalid"));
            }
            parsed
        };
        let to = end(&mut to_text, "pana_la", today);
        let from = end(
            &mut from_text,
            "de_la",
            to.unwrap_or(today) - Duration::days(DEFAULT_DAYS - 1),
        );
        let range = match (from, to) {
            (Some(from), Some(to)) if from > to => {
                errors.push(("pana_la", "admin.field.date_range"));
                None
            }
            (Some(from), Some(to)) if (to - from).num_days() >= MAX_RANGE_DAYS => {
                errors.push(("pana_la", "admin.reports.range_too_long"));
                None
            }
            (Some(from), Some(to)) => Some((from, to)),
            _ => None,
        };
        RangeForm {
            from_text,
            to_text,
            range,
            errors,
        }
    }

    /// The two fields for the form: (id, label key, text).
    pub fn fields(&self) -> [(&'static str, &'static str, &str); 2] {
        [
            ("de_la", "admin.reports.from", self.from_text.as_str()),
            ("pana_la", "admin.reports.to", self.to_text.as_str()),
        ]
    }

    /// The query string of this range (for the CSV link and office links).
    pub fn query(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("de_la", &self.from_text)
            .append_pair("pana_la", &self.to_text)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn no_query_means_the_thirty_days_ending_today() {
        let form = RangeForm::parse(None, day("2026-03-10"));
        assert_eq!(form.range, Some((day("2026-02-09"), day("2026-03-10"))));
        assert_eq!(form.query(), "de_la=2026-02-09&pana_la=2026-03-10");
        assert!(form.errors.is_empty());
    }

    #[test]
    fn both_ends_are_included_and_one_day_is_a_range() {
        let form = RangeForm::parse(
            Some("de_la=2026-01-05&pana_la=2026-01-05"),
            day("2026-03-10"),
        );
        assert_eq!(form.range, Some((day("2026-01-05"), day("2026-01-05"))));
    }

    #[test]
    fn bad_dates_reversed_and_too_long_ranges_are_errors() {
        let today = day("2026-03-10");
        let bad = RangeForm::parse(Some("de_la=31.12.2025&pana_la=2026-02-30"), today);
        assert_eq!(
            bad.errors,
            vec![
                ("pana_la", "admin.field.date_invalid"),
                ("de_la", "admin.field.date_invalid")
            ]
        );
        assert_eq!(bad.from_text, "31.12.2025", "what was typed is echoed back");
        let reversed = RangeForm::parse(Some("de_la=2026-02-02&pana_la=2026-02-01"), today);
        assert_eq!(reversed.errors, vec![("pana_la", "admin.field.date_range")]);
        let longest = RangeForm::parse(Some("de_la=2025-01-01&pana_la=2026-01-01"), today);
        assert!(longest.errors.is_empty(), "366 days are allowed");
        let too_long = RangeForm::parse(Some("de_la=2025-01-01&pana_la=2026-01-02"), today);
        assert_eq!(
            too_long.errors,
            vec![("pana_la", "admin.reports.range_too_long")]
        );
        assert_eq!(too_long.range, None);
    }
}
