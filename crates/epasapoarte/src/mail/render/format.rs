//! How dates, times, names and an appointment's summary read in each language. All
//! words come from the locale catalogues; only digits are formatted here.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use epasapoarte_domain::passport::PassportType;

use super::view::Row;
use crate::i18n::Lang;
use crate::mail::{Appointment, PersonLine};

/// Romania's zone: the fallback when a stored zone name does not parse (it always
/// should; a wrong hint beats a failed e-mail).
const ROMANIA: Tz = chrono_tz::Europe::Bucharest;

pub(crate) fn zone(appointment: &Appointment) -> Tz {
    appointment.timezone.parse().unwrap_or(ROMANIA)
}

/// "ora României" for offices in Romania, "ora locală, Europe/London" abroad.
pub(crate) fn zone_label(lang: Lang, tz: Tz) -> String {
    if tz == ROMANIA {
        lang.t("mail.zone_romania").to_owned()
    } else {
        lang.tf("mail.zone_local", &[("zone", tz.name())])
    }
}

/// "joi, 3 decembrie 2026" / "Thursday 3 December 2026".
pub(crate) fn date(lang: Lang, date: NaiveDate) -> String {
    let weekday = match date.weekday() {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    };
    lang.tf(
        "mail.date",
        &[
            ("weekday", lang.t(&format!("mail.weekday.{weekday}"))),
            ("day", &date.day().to_string()),
            ("month", lang.t(&format!("mail.month.{}", date.month()))),
            ("year", &date.year().to_string()),
        ],
    )
}

/// "09:30": 24-hour clock, as on the booking form.
pub(crate) fn clock(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// An instant as the office reads it: its local date and time.
pub(crate) fn local(at: DateTime<Utc>, tz: Tz) -> (NaiveDate, NaiveTime) {
    let local = at.with_timezone(&tz);
    (local.date_naive(), local.time())
}

pub(crate) fn person_name(lang: Lang, person: &PersonLine) -> String {
    lang.tf(
        "mail.person_name",
        &[
            ("first", person.first_name.trim()),
            ("last", person.last_name.trim()),
        ],
    )
}

pub(crate) fn service(lang: Lang, name: &str) -> String {
    match name.parse::<PassportType>() {
        Ok(passport) => lang.t(passport.key()).to_owned(),
        Err(_) => name.to_owned(),
    }
}

/// The appointment's when and where, plus the persons' names when `with_persons`.
pub(crate) fn summary(lang: Lang, appointment: &Appointment, with_persons: bool) -> Vec<Row> {
    let tz = zone(appointment);
    let time = lang.tf(
        "mail.time_value",
        &[
            ("time", &clock(appointment.time)),
            ("zone", &zone_label(lang, tz)),
        ],
    );
    let mut rows = vec![
        Row::new(lang.t("mail.field.reference"), &appointment.booking_id),
        Row::new(
            lang.t("mail.field.service"),
            service(lang, &appointment.service),
        ),
        Row::new(lang.t("mail.field.office"), &appointment.office_name),
        Row::new(lang.t("mail.field.address"), &appointment.office_address),
        Row::new(lang.t("mail.field.date"), date(lang, appointment.date)),
        Row::new(lang.t("mail.field.time"), time),
    ];
    if with_persons {
        let names: Vec<String> = appointment
            .persons
            .iter()
            .map(|p| person_name(lang, p))
            .collect();
        rows.push(Row::new(lang.t("mail.field.persons"), names.join(", ")));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_both_languages() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
        assert_eq!(date(Lang::Ro, day), "joi, 3 decembrie 2026");
        assert_eq!(date(Lang::En, day), "Thursday 3 December 2026");
    }

    #[test]
    fn zones_abroad_show_their_name() {
        assert_eq!(zone_label(Lang::Ro, ROMANIA), "ora României");
        assert_eq!(
            zone_label(Lang::En, chrono_tz::Europe::London),
            "local time, Europe/London"
        );
    }
}
