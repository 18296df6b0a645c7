//! How dates, times, zones, money, counts and names read in each language: the one place
//! the pages, the booking journey and the e-mails take them from, so a page and the e-mail
//! about the same appointment read the same. Every word comes from the catalogues
//! (`format.*`); only digits are laid out here.

#[cfg(test)]
mod tests;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use epasapoarte_domain::passport::Bani;

use super::Lang;

/// Offices in Romania keep Romania's clock; any other zone is "abroad".
pub const ROMANIA: Tz = chrono_tz::Europe::Bucharest;

/// "joi" / "Thursday".
pub fn weekday(lang: Lang, day: Weekday) -> &'static str {
    let key = match day {
        Weekday::Mon => "format.weekday.mon",
        Weekday::Tue => "format.weekday.tue",
        Weekday::Wed => "format.weekday.wed",
        Weekday::Thu => "format.weekday.thu",
        Weekday::Fri => "format.weekday.fri",
        Weekday::Sat => "format.weekday.sat",
        Weekday::Sun => "format.weekday.sun",
    };
    lang.t(key)
}

/// "decembrie" / "December".
fn month(lang: Lang, date: NaiveDate) -> &'static str {
    lang.t(&format!("format.month.{}", date.month()))
}

/// "joi, 3 decembrie 2026" / "Thursday 3 December 2026".
pub fn date(lang: Lang, date: NaiveDate) -> String {
    lang.tf(
        "format.date",
        &[
            ("weekday", weekday(lang, date.weekday())),
            ("day", &date.day().to_string()),
            ("month", month(lang, date)),
            ("year", &date.year().to_string()),
        ],
    )
}

/// "3 decembrie" / "3 December": a week's bounds, where the year is evident.
pub fn day_month(lang: Lang, date: NaiveDate) -> String {
    lang.tf(
        "format.day_month",
        &[
            ("day", &date.day().to_string()),
            ("month", month(lang, date)),
        ],
    )
}

/// "09:30": the 24-hour clock of the booking form and the API. By hand, not with chrono's `format`, which parses its pattern again on every
/// call: the availability answer writes every slot of a week, and this was the top of
/// its profile (BENCHMARKS.md, stop 25).
pub fn clock(time: NaiveTime) -> String {
    use chrono::Timelike;
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// An instant as the office reads it: its local date and time.
pub fn local(at: DateTime<Utc>, tz: Tz) -> (NaiveDate, NaiveTime) {
    let local = at.with_timezone(&tz);
    (local.date_naive(), local.time())
}

/// "ora României" for offices in Romania, "ora locală, Europe/London" abroad: every time
/// on a page or in an e-mail says whose clock it is.
pub fn zone_label(lang: Lang, tz: Tz) -> String {
    if tz == ROMANIA {
        lang.t("format.zone_romania").to_owned()
    } else {
        lang.tf("format.zone_local", &[("zone", tz.name())])
    }
}

/// The booking steps' wording of the same: "ora locală (Europe/London)" abroad.
pub fn zone_in_text(lang: Lang, tz: Tz) -> String {
    if tz == ROMANIA {
        lang.t("format.zone_romania").to_owned()
    } else {
        lang.tf("format.zone_local_in_text", &[("zone", tz.name())])
    }
}

/// "09:30 (ora României)".
pub fn time_in_zone(lang: Lang, time: NaiveTime, tz: Tz) -> String {
    lang.tf(
        "format.time_value",
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

/// A count with its noun: Romanian says "1 loc liber", "3 locuri libere", "20 de locuri
/// libere" ("de" after numbers whose last two digits are 00 or 20–99); English has one and
/// other, so its `_few` and `_many` read the same. The three keys are `{key}_one`,
/// `{key}_few` and `{key}_many`, each with `{n}`.
pub fn count(lang: Lang, key: &str, n: u64) -> String {
    let form = match n {
        1 => "one",
        _ if n >= 20 && !(1..=19).contains(&(n % 100)) => "many",
        _ => "few",
    };
    lang.tf(&format!("{key}_{form}"), &[("n", &n.to_string())])
}

/// "Popescu Ana" in Romanian (the booking form's order, Nume then Prenume), "Ana Popescu"
/// in English.
pub fn person_name(lang: Lang, last: &str, first: &str) -> String {
    lang.tf(
        "format.person_name",
        &[("first", first.trim()), ("last", last.trim())],
    )
}

/// "258 lei", "11,30 lei", "1.234,05 lei": a dot groups thousands, a comma comes before
/// the bani, which are left out when zero. The Romanian layout in both languages, as on
/// the receipts the citizen pays with.
pub fn money(lang: Lang, amount: Bani) -> String {
    let digits = amount.lei().to_string();
    let mut number = String::with_capacity(digits.len() + 8);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            number.push('.');
        }
        number.push(c);
    }
    if amount.bani() != 0 {
        number.push_str(&format!(",{:02}", amount.bani()));
    }
    lang.tf("format.money", &[("amount", &number)])
}
