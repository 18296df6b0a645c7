//! The audit page's filter, read from the query string: actor, action, office, a date
//! range (Romanian calendar days, both ends included) and the page (`inainte` = show
//! lines older than this id). A malformed part is reported and left out, never a 4xx.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Bucharest;

use crate::ids::OfficeId;
use crate::service::input::parse_date;
use crate::store::AuditFilter;

/// What the reader typed (echoed back into the form) and what it means.
#[derive(Debug, Clone, Default)]
pub struct FilterForm {
    pub actor: String,
    pub action: String,
    pub office: String,
    pub from: String,
    pub to: String,
    pub filter: AuditFilter,
    /// (field id, `admin.field.*` code)
    pub errors: Vec<(&'static str, &'static str)>,
}

const MAX_TEXT: usize = 100;

impl FilterForm {
    pub fn parse(query: Option<&str>) -> FilterForm {
        let mut form = FilterForm::default();
        let mut before = None;
        for (key, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            // No name or action holds a control character, and PostgreSQL refuses a text
            // with a NUL outright: such characters are dropped, not searched for.
            let value: String = value
                .trim()
                .chars()
                .filter(|c| !c.is_control())
                .take(MAX_TEXT)
                .collect();
            match key.as_ref() {
                "actor" => form.actor = value,
                "action" => form.action = value,
                "office" => form.office = value,
                "from" => form.from = value,
                "to" => form.to = value,
                "inainte" => before = value.parse::<i64>().ok(),
                _ => {}
            }
        }
        form.filter.before_id = before;
        form.filter.actor = Some(form.actor.clone()).filter(|v| !v.is_empty());
        form.filter.action = Some(form.action.clone()).filter(|v| !v.is_empty());
        if !form.office.is_empty() {
            match form.office.parse::<OfficeId>() {
                Ok(id) => form.filter.office_id = Some(id),
                Err(_) => form.errors.push(("office", "office_invalid")),
            }
        }
        let from = form.date("from");
        let to = form.date("to");
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            form.errors.push(("to", "date_range"));
        } else {
            form.filter.from = from.map(start_of);
            form.filter.to = to.map(|day| start_of(day + Duration::days(1)));
        }
        form
    }

    fn date(&mut self, field: &'static str) -> Option<NaiveDate> {
        let text = if field == "from" {
            &self.from
        } else {
            &self.to
        };
        if text.is_empty() {
            return None;
        }
        let parsed = parse_date(text);
        if parsed.is_none() {
            self.errors.push((field, "date_invalid"));
        }
        parsed
    }

    /// The query string of this filter, paged to lines older than `before`.
    pub fn query_before(&self, before: i64) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("actor", &self.actor),
            ("action", &self.action),
            ("office", &self.office),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if !value.is_empty() {
                out.append_pair(key, value);
            }
        }
        out.append_pair("inainte", &before.to_string());
        out.finish()
    }
}

/// Midnight of a Romanian calendar day, as an instant (the earlier one on a DST fold).
fn start_of(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Bucharest
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |local| local.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_query_filters_nothing() {
        let form = FilterForm::parse(None);
        assert_eq!(form.filter, AuditFilter::default());
        assert!(form.errors.is_empty());
    }

    #[test]
    fn dates_are_whole_romanian_days_with_both_ends_included() {
        let form = FilterForm::parse(Some("from=2026-12-01&to=2026-12-01&actor=ana"));
        assert_eq!(
            form.filter.from.unwrap().to_rfc3339(),
            "2026-11-30T22:00:00+00:00"
        );
        assert_eq!(
            form.filter.to.unwrap().to_rfc3339(),
            "2026-12-01T22:00:00+00:00"
        );
        assert_eq!(form.filter.actor.as_deref(), Some("ana"));
    }

    #[test]
    fn malformed_parts_are_reported_and_left_out() {
        let form = FilterForm::parse(Some("office=abc&from=31.12.2026&to=2026-01-01&inainte=x"));
        assert_eq!(
            form.errors,
            vec![("office", "office_invalid"), ("from", "date_invalid")]
        );
        assert_eq!(form.filter.office_id, None);
        assert_eq!(form.filter.before_id, None);
    }

    #[test]
    fn control_characters_are_dropped_from_the_text_filters() {
        let form = FilterForm::parse(Some("actor=an%00a%1B&action=login%0D%0A.failed"));
        assert_eq!(form.filter.actor.as_deref(), Some("ana"));
        assert_eq!(form.filter.action.as_deref(), Some("login.failed"));
    }

    #[test]
    fn a_reversed_range_is_an_error() {
        let form = FilterForm::parse(Some("from=2026-12-02&to=2026-12-01"));
        assert_eq!(form.errors, vec![("to", "date_range")]);
        assert_eq!(form.filter.from, None);
    }

    #[test]
    fn the_next_page_keeps_the_filter() {
        let form = FilterForm::parse(Some("actor=ana+pop&office=3"));
        assert_eq!(form.query_before(40), "actor=ana+pop&office=3&inainte=40");
    }
}
