//! How the pages write dates, times, zones and weekdays in the reader's language. The
//! words are the e-mails' catalogue keys (`mail.date`, `mail.weekday.*`, …): a page and
//! the e-mail about the same appointment read the same.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;

use crate::i18n::Lang;

const ROMANIA: Tz = chrono_tz::Europe::Bucharest;

/// "joi, 3 decembrie 2026" / "Thursday 3 December 2026".
pub fn date(lang: Lang, date: NaiveDate) -> String {
    lang.tf(
        "mail.date",
        &[
            ("weekday", weekday(lang, date.weekday())),
            ("day", &date.day().to_string()),
            ("month", lang.t(&format!("mail.month.{}", date.month()))),
            ("year", &date.year().to_string()),
        ],
    )
}

/// "joi" / "Thursday".
pub fn weekday(lang: Lang, day: Weekday) -> &'static str {
    let key = match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    };
    lang.t(&format!("mail.weekday.{key}"))
}

/// "09:30": the 24-hour clock of the booking form.
pub fn clock(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// "ora României" for offices in Romania, "ora locală, Europe/London" abroad: every time
/// on a page says whose clock it is.
pub fn zone_label(lang: Lang, tz: Tz) -> String {
    if tz == ROMANIA {
        lang.t("mail.zone_romania").to_owned()
    } else {
        lang.tf("mail.zone_local", &[("zone", tz.name())])
    }
}

/// "09:30 (ora României)".
pub fn time_in_zone(lang: Lang, time: NaiveTime, tz: Tz) -> String {
    lang.tf(
        "mail.time_value",
        &[("time", &clock(time)), ("zone", &zone_label(lang, tz))],
    )
}

/// "Luni" from "luni": list labels start with a capital letter.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A count with its noun, Romanian style: "1 loc liber", "3 locuri libere", "20 de locuri
/// libere" ("de" after numbers whose last two digits are 00 or 20–99). The three keys are
/// `{prefix}_one`, `{prefix}_few`, `{prefix}_many`, each with `{n}`.
pub fn count(lang: Lang, prefix: &str, n: u32) -> String {
    let form = match n {
        1 => "one",
        _ if n >= 20 && !(1..=19).contains(&(n % 100)) => "many",
        _ => "few",
    };
    lang.tf(&format!("{prefix}_{form}"), &[("n", &n.to_string())])
}

/// "Popescu Ana": the order of the booking form (Nume, Prenume).
pub fn person_name(lang: Lang, last: &str, first: &str) -> String {
    lang.tf(
        "mail.person_name",
        &[("first", first.trim()), ("last", last.trim())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_zones_read_naturally_in_both_languages() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
        assert_eq!(date(Lang::Ro, day), "joi, 3 decembrie 2026");
        assert_eq!(date(Lang::En, day), "Thursday 3 December 2026");
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default();
        assert_eq!(
            time_in_zone(Lang::Ro, nine, ROMANIA),
            "09:00 (ora României)"
        );
        assert_eq!(
            zone_label(Lang::En, chrono_tz::Europe::London),
            "local time, Europe/London"
        );
    }

    #[test]
    fn counts_take_de_from_twenty() {
        let seats = |n| count(Lang::Ro, "web.earliest.free", n);
        assert_eq!(seats(1), "1 loc liber");
        assert_eq!(seats(3), "3 locuri libere");
        assert_eq!(seats(20), "20 de locuri libere");
        assert_eq!(seats(101), "101 locuri libere");
        assert_eq!(count(Lang::En, "web.earliest.free", 20), "20 free places");
    }

    #[test]
    fn capitalising_keeps_romanian_letters() {
        assert_eq!(capitalised("marți"), "Marți");
        assert_eq!(capitalised("ștefan"), "Ștefan");
        assert_eq!(capitalised(""), "");
    }
}
