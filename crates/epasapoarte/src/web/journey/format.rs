//! How the journey's pages spell dates, zones, counts and masked CNPs in the page's
//! language. Every word comes from the catalogues; only digits are formatted here. Weekday
//! and month names are the shared vocabulary of the e-mails (`mail.weekday.*`,
//! `mail.month.*`), so a date reads the same on the page and in the e-mail.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use epasapoarte_domain::passport::PassportType;

use crate::i18n::Lang;

/// Offices in Romania keep Romania's clock; any other zone is "abroad".
pub const ROMANIA: Tz = chrono_tz::Europe::Bucharest;

fn weekday_key(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "mail.weekday.mon",
        Weekday::Tue => "mail.weekday.tue",
        Weekday::Wed => "mail.weekday.wed",
        Weekday::Thu => "mail.weekday.thu",
        Weekday::Fri => "mail.weekday.fri",
        Weekday::Sat => "mail.weekday.sat",
        Weekday::Sun => "mail.weekday.sun",
    }
}

/// "joi, 3 decembrie 2026" / "Thursday 3 December 2026".
pub fn long_date(lang: Lang, date: NaiveDate) -> String {
    lang.tf(
        "mail.date",
        &[
            ("weekday", lang.t(weekday_key(date))),
            ("day", &date.day().to_string()),
            ("month", lang.t(&format!("mail.month.{}", date.month()))),
            ("year", &date.year().to_string()),
        ],
    )
}

/// "3 decembrie" / "3 December": a week's bounds, where the year is evident.
pub fn day_month(lang: Lang, date: NaiveDate) -> String {
    lang.tf(
        "web.journey.day_month",
        &[
            ("day", &date.day().to_string()),
            ("month", lang.t(&format!("mail.month.{}", date.month()))),
        ],
    )
}

/// "09:30": the 24-hour clock of the booking form and the API.
pub fn clock(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// "ora României" at home, "ora locală (Europe/London)" for an office abroad.
pub fn zone_label(lang: Lang, tz: Tz) -> String {
    if tz == ROMANIA {
        lang.t("web.journey.zone_romania").to_owned()
    } else {
        lang.tf("web.journey.zone_local", &[("zone", tz.name())])
    }
}

pub fn service_label(lang: Lang, service: PassportType) -> &'static str {
    lang.t(service.key())
}

/// The plural form of a count: Romanian says "1 loc", "2 locuri", "20 de locuri" (the
/// "de" comes with 20 and more, unless the last two digits are 01–19); English has one
/// and other. The catalogue holds `<key>_one`, `<key>_few` and `<key>_many`.
pub fn counted(lang: Lang, key: &str, n: u64) -> String {
    let form = match (lang, n) {
        (_, 1) => "one",
        (Lang::En, _) => "few",
        (Lang::Ro, n) if n == 0 || (1..20).contains(&(n % 100)) => "few",
        (Lang::Ro, _) => "many",
    };
    lang.tf(&format!("{key}_{form}"), &[("n", &n.to_string())])
}

/// "*********3456": enough for the citizen to recognise their own CNP on the check page,
/// not enough to be worth reading over a shoulder.
pub fn masked_cnp(cnp: &str) -> String {
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
    fn romanian_counts_take_de_from_twenty_on() {
        assert_eq!(counted(Lang::Ro, "web.journey.seats", 1), "1 loc liber");
        assert_eq!(counted(Lang::Ro, "web.journey.seats", 5), "5 locuri libere");
        assert_eq!(
            counted(Lang::Ro, "web.journey.seats", 30),
            "30 de locuri libere"
        );
        assert_eq!(
            counted(Lang::Ro, "web.journey.seats", 119),
            "119 locuri libere"
        );
        assert_eq!(counted(Lang::En, "web.journey.seats", 30), "30 free places");
    }

    #[test]
    fn a_masked_cnp_shows_only_its_last_four_digits() {
        assert_eq!(masked_cnp("1850101123456"), "*********3456");
        assert_eq!(masked_cnp("12"), "12");
    }

    #[test]
    fn zones_name_the_office_clock() {
        assert_eq!(zone_label(Lang::Ro, ROMANIA), "ora României");
        assert_eq!(
            zone_label(Lang::Ro, chrono_tz::Europe::London),
            "ora locală (Europe/London)"
        );
    }

    #[test]
    fn dates_are_spelled_in_the_page_language() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
        assert_eq!(long_date(Lang::Ro, day), "joi, 3 decembrie 2026");
        assert_eq!(day_month(Lang::En, day), "3 December");
    }
}
