//! An appointment's summary as the e-mails show it: reference, service, office, date and
//! time, and the persons. The words and the layout of dates, times and names come from
//! [`crate::i18n::format`], as on the pages.

use chrono_tz::Tz;
use epasapoarte_domain::passport::PassportType;

use super::view::Row;
use crate::i18n::Lang;
use crate::i18n::format::{self, ROMANIA};
use crate::mail::{Appointment, PersonLine};

/// The office's zone; Romania's when a stored zone name does not parse (it always
/// should; a wrong hint beats a failed e-mail).
pub(crate) fn zone(appointment: &Appointment) -> Tz {
    appointment.timezone.parse().unwrap_or(ROMANIA)
}

pub(crate) fn person_name(lang: Lang, person: &PersonLine) -> String {
    format::person_name(lang, &person.last_name, &person.first_name)
}

/// The service's name; a stored id this binary does not know (a newer writer) as it is.
fn service(lang: Lang, name: &str) -> String {
    match name.parse::<PassportType>() {
        Ok(passport) => lang.t(passport.key()).to_owned(),
        Err(_) => name.to_owned(),
    }
}

/// The appointment's when and where, plus the persons' names when `with_persons`.
pub(crate) fn rows(lang: Lang, appointment: &Appointment, with_persons: bool) -> Vec<Row> {
    let tz = zone(appointment);
    let mut rows = vec![
        Row::new(
            lang.t("mail.field.reference"),
            crate::ids::reference_of(&appointment.booking_id),
        ),
        Row::new(
            lang.t("mail.field.service"),
            service(lang, &appointment.service),
        ),
        Row::new(lang.t("mail.field.office"), &appointment.office_name),
        Row::new(lang.t("mail.field.address"), &appointment.office_address),
        Row::new(
            lang.t("mail.field.date"),
            format::date(lang, appointment.date),
        ),
        Row::new(
            lang.t("mail.field.time"),
            format::time_in_zone(lang, appointment.time, tz),
        ),
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
