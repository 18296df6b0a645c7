//! Narrowing a busy day (issue 12 item 11): a search by booking reference, name or CNP,
//! a status and a time range. Status and times travel in the query string (they say
//! nothing about anyone); the search text may hold a name or a CNP, so it only ever
//! travels in a POST body (`agenda/cauta`), never in a URL.

use chrono::NaiveTime;
use epasapoarte_domain::booking::{BookingReference, BookingStatus};
use epasapoarte_domain::cnp::Cnp;

/// Which bookings of the day the agenda lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// As typed (shown back in the form).
    pub search: String,
    /// The status group picked (`""` = every booking).
    pub status: String,
    /// From and to, as typed (`HH:MM`).
    pub from: String,
    pub to: String,
}

/// The status groups a clerk filters by, by their stable names.
pub const STATUS_GROUPS: [(&str, &str); 4] = [
    ("asteptate", "admin.agenda.filter_expected"),
    ("prezente", "admin.agenda.filter_seen"),
    ("absente", "admin.agenda.filter_no_show"),
    ("anulate", "admin.agenda.filter_cancelled"),
];

/// What the typed search is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    Nothing,
    /// A valid CNP, as its 13 digits (matched by keyed hash, never stored).
    Cnp(String),
    /// Part of a name (folded: lower case, no diacritics) — or, when the text reads as
    /// one, a booking reference: eight letters can be either ("Ciobanas"), so a booking
    /// matches by its reference or by a name.
    Text {
        reference: Option<BookingReference>,
        name: String,
    },
}

impl Search {
    /// Whether a booking with `id` and persons named `names` (folded) matches.
    pub fn matches_text(&self, id: &str, names: &[String]) -> bool {
        match self {
            Search::Nothing => true,
            Search::Cnp(_) => false,
            Search::Text { reference, name } => {
                reference.is_some_and(|r| id.starts_with(&r.id_prefix()))
                    || names.iter().any(|n| n.contains(name.as_str()))
            }
        }
    }
}

impl Filter {
    /// A field that is not understood (a time not `HH:MM`), by its form id.
    pub fn invalid_field(&self) -> Option<&'static str> {
        if !self.from.is_empty() && time(&self.from).is_none() {
            return Some("de_la");
        }
        if !self.to.is_empty() && time(&self.to).is_none() {
            return Some("pana_la");
        }
        None
    }

    /// Whether anything narrows the day.
    pub fn is_active(&self) -> bool {
        !self.search.trim().is_empty()
            || !self.status.is_empty()
            || !self.from.is_empty()
            || !self.to.is_empty()
    }

    /// What the search text is, given today's date for the CNP rules.
    pub fn search(&self, today: chrono::NaiveDate) -> Search {
        let text = self.search.trim();
        if text.is_empty() {
            return Search::Nothing;
        }
        if let Ok(cnp) = Cnp::parse(text, today) {
            return Search::Cnp(cnp.as_str().to_owned());
        }
        Search::Text {
            reference: BookingReference::parse(text).ok(),
            name: fold(text),
        }
    }

    /// Whether a booking at `time` with `status` passes the status and time filters.
    pub fn keeps(&self, status: BookingStatus, at: NaiveTime) -> bool {
        let group = match status {
            BookingStatus::Pending | BookingStatus::Confirmed => "asteptate",
            BookingStatus::CheckedIn | BookingStatus::Completed => "prezente",
            BookingStatus::NoShow => "absente",
            BookingStatus::Cancelled | BookingStatus::Expired => "anulate",
        };
        let status_ok = self.status.is_empty() || self.status == group;
        let from_ok = time(&self.from).is_none_or(|from| at >= from);
        let to_ok = time(&self.to).is_none_or(|to| at <= to);
        status_ok && from_ok && to_ok
    }

    /// The status and times as a query string (`&stare=…`), for links that keep them.
    pub fn query(&self) -> String {
        let mut query = String::new();
        for (name, value) in [
            ("stare", &self.status),
            ("de_la", &self.from),
            ("pana_la", &self.to),
        ] {
            if !value.is_empty() {
                query.push('&');
                query.push_str(name);
                query.push('=');
                query.extend(form_urlencoded::byte_serialize(value.as_bytes()));
            }
        }
        query
    }
}

/// A known status group, or "" for anything else.
pub fn status_group(text: &str) -> String {
    STATUS_GROUPS
        .iter()
        .find(|(name, _)| *name == text)
        .map(|(name, _)| (*name).to_owned())
        .unwrap_or_default()
}

fn time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

/// Lower case without diacritics: "Ștefănescu" and "stefanescu" match, as do the comma
/// and cedilla forms of ș and ț.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ă' | 'â' | 'á' | 'à' | 'ä' => 'a',
            'î' | 'í' => 'i',
            'ș' | 'ş' => 's',
            'ț' | 'ţ' => 't',
            'é' | 'è' | 'ë' => 'e',
            'ó' | 'ö' | 'ő' => 'o',
            'ú' | 'ü' | 'ű' => 'u',
            other => other,
        })
        .filter(|c| !matches!(c, '\u{300}'..='\u{36f}'))
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    fn typed(search: &str) -> Filter {
        Filter {
            search: search.into(),
            ..Filter::default()
        }
    }

    #[test]
    fn a_search_is_a_reference_a_cnp_or_part_of_a_name() {
        assert_eq!(typed("  ").search(today()), Search::Nothing);
        let reference = BookingReference::parse("PJ7K-3QXD").ok();
        assert_eq!(
            typed("pj7k-3qxd").search(today()),
            Search::Text {
                reference,
                name: "pj7k-3qxd".into()
            }
        );
        let digits: Vec<u8> = b"185031512001".iter().map(|b| b - b'0').collect();
        let check = epasapoarte_domain::cnp::check_digit(&digits.try_into().unwrap());
        assert_eq!(
            typed(&format!("1850315 12001-{check}")).search(today()),
            Search::Cnp(format!("185031512001{check}"))
        );
        assert_eq!(
            typed("Ștefănescu").search(today()),
            Search::Text {
                reference: None,
                name: "stefanescu".into()
            }
        );
    }

    #[test]
    fn eight_letters_match_a_reference_or_a_name() {
        let search = typed("Ciobanas").search(today());
        let Search::Text { reference, .. } = &search else {
            panic!("{search:?}");
        };
        let prefix = reference.expect("it reads as a reference").id_prefix();
        let id = format!("{prefix}0000000000000000000000");
        assert!(search.matches_text(&id, &[]));
        assert!(search.matches_text("ffffffffff", &[fold("Ana Ciobanaș")]));
        assert!(!search.matches_text("ffffffffff", &[fold("Ana Pop")]));
    }

    #[test]
    fn names_match_without_regard_to_case_or_diacritics() {
        assert_eq!(fold("ŞTEFĂNESCU Ioana"), "stefanescu ioana");
        assert_eq!(fold("Țurcanu"), fold("ţurcanu"));
        // Decomposed: s + combining comma below.
        assert_eq!(fold("S\u{326}tefan"), "stefan");
    }

    #[test]
    fn status_and_times_narrow_the_day() {
        let filter = Filter {
            status: "asteptate".into(),
            from: "09:00".into(),
            to: "10:30".into(),
            ..Filter::default()
        };
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert!(filter.keeps(BookingStatus::Confirmed, at(9, 0)));
        assert!(filter.keeps(BookingStatus::Pending, at(10, 30)));
        assert!(!filter.keeps(BookingStatus::Confirmed, at(10, 31)));
        assert!(!filter.keeps(BookingStatus::Confirmed, at(8, 59)));
        assert!(!filter.keeps(BookingStatus::NoShow, at(9, 30)));
        assert!(Filter::default().keeps(BookingStatus::Expired, at(0, 0)));
        assert_eq!(
            filter.query(),
            "&stare=asteptate&de_la=09%3A00&pana_la=10%3A30"
        );
    }

    #[test]
    fn a_time_that_is_not_one_is_named() {
        let filter = Filter {
            from: "9".into(),
            ..Filter::default()
        };
        assert_eq!(filter.invalid_field(), Some("de_la"));
        assert_eq!(status_group("nimic"), "");
        assert_eq!(status_group("absente"), "absente");
    }
}
