//! Builds the citizen-facing view of an appointment (for e-mails): office, local date and
//! time, and per person what to bring and what it costs, derived from the CNP's age on the
//! appointment date (SPEC §2 J7). Names are opened from their sealed form here; the CNP
//! is used for the age and never copied into the result.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use epasapoarte_domain::cnp::Cnp;
use epasapoarte_domain::passport::{self, PassportType};
use epasapoarte_domain::schedule::slot_at;

use super::BookingService;
use crate::mail::{Appointment, PersonLine};
use crate::store::{BookingRecord, OfficeRecord};

/// A person with personal data in the clear, only in memory and only while needed.
pub struct OpenPerson {
    pub last_name: String,
    pub first_name: String,
    pub cnp: Cnp,
}

pub struct AppointmentAt<'a> {
    pub booking_id: &'a str,
    pub office: &'a OfficeRecord,
    pub service: PassportType,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub starts_at: DateTime<Utc>,
}

impl AppointmentAt<'_> {
    pub fn build(&self, persons: &[OpenPerson]) -> Appointment {
        let ends_at = slot_at(
            &self.office.schedule,
            self.office.timezone,
            self.date,
            self.time,
        )
        .map(|slot| slot.ends_at)
        .unwrap_or(self.starts_at + chrono::Duration::minutes(15));
        Appointment {
            booking_id: self.booking_id.to_owned(),
            office_name: self.office.name.clone(),
            office_address: self.office.address.clone(),
            timezone: self.office.timezone.name().to_owned(),
            date: self.date,
            time: self.time,
            starts_at: self.starts_at,
            ends_at,
            service: self.service.as_str().to_owned(),
            persons: persons
                .iter()
                .map(|person| self.person_line(person))
                .collect(),
        }
    }

    fn person_line(&self, person: &OpenPerson) -> PersonLine {
        // Domicile abroad is not asked at booking; the clerk sees it at the counter.
        let needs = passport::requirements(self.service, person.cnp.age_on(self.date), false);
        PersonLine {
            first_name: person.first_name.clone(),
            last_name: person.last_name.clone(),
            category: needs.category.as_str().to_owned(),
            fee_bani: needs.fee.as_u32(),
            documents: needs
                .documents
                .iter()
                .map(|document| document.as_str().to_owned())
                .collect(),
        }
    }
}

impl BookingService {
    /// Opens a stored booking's persons (names and CNPs).
    pub(super) fn open_persons(&self, record: &BookingRecord) -> anyhow::Result<Vec<OpenPerson>> {
        self.open_sealed(&record.persons)
    }

    /// Opens sealed persons (names and CNPs), in memory only.
    pub(super) fn open_sealed(
        &self,
        persons: &[crate::store::SealedPerson],
    ) -> anyhow::Result<Vec<OpenPerson>> {
        let today = self.today_in_romania();
        persons
            .iter()
            .map(|person| {
                let cnp = self
                    .crypto
                    .open_string(&person.cnp)
                    .context("opening a sealed CNP")?;
                Ok(OpenPerson {
                    last_name: self
                        .crypto
                        .open_string(&person.last_name)
                        .context("opening a sealed name")?,
                    first_name: self
                        .crypto
                        .open_string(&person.first_name)
                        .context("opening a sealed name")?,
                    cnp: Cnp::parse(&cnp, today).context("a stored CNP no longer parses")?,
                })
            })
            .collect()
    }

    /// The e-mail view of a stored booking.
    pub(super) async fn stored_appointment(
        &self,
        record: &BookingRecord,
    ) -> anyhow::Result<(Appointment, String)> {
        let office = self
            .directory
            .office(record.office_id)
            .await?
            .context("a booking refers to an office that does not exist")?;
        let persons = self.open_persons(record)?;
        let email = self
            .crypto
            .open_string(&record.email)
            .context("opening a sealed e-mail address")?;
        let at = AppointmentAt {
            booking_id: record.id.as_str(),
            office: &office,
            service: record.service,
            date: record.date,
            time: record.time,
            starts_at: record.starts_at,
        };
        Ok((at.build(&persons), email))
    }
}
