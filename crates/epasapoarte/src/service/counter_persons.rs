//! The counter's view of a booking's persons (SPEC §3 "Agenda"): the names, opened for the
//! day's list, and the CNPs only when a clerk asks to see them — the caller writes that
//! view to the audit log. Nothing here is logged or kept beyond the request.

use anyhow::Context;

use super::{BookingService, ServiceResult};
use crate::store::BookingRecord;

/// One booked person, opened for the counter.
pub struct CounterPerson {
    pub last_name: String,
    pub first_name: String,
    /// The CNP in the clear, only when asked for.
    pub cnp: Option<String>,
}

impl BookingService {
    /// Opens the persons of a booking, in booking order (the applicant first). A booking
    /// whose personal data retention has purged has no persons left.
    pub fn counter_persons(
        &self,
        record: &BookingRecord,
        with_cnp: bool,
    ) -> ServiceResult<Vec<CounterPerson>> {
        let open = |sealed: &[u8]| {
            self.crypto
                .open_string(sealed)
                .context("opening a booked person for the counter")
        };
        let persons = record
            .persons
            .iter()
            .map(|person| {
                Ok(CounterPerson {
                    last_name: open(&person.last_name)?,
                    first_name: open(&person.first_name)?,
                    cnp: if with_cnp {
                        Some(open(&person.cnp)?)
                    } else {
                        None
                    },
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(persons)
    }
}
