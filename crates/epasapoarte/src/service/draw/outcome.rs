//! A draw's outcome per entry: a winner's booking and confirmation e-mail, a loser's
//! e-mail and (when asked for) place on the waitlist.

use anyhow::Context;
use chrono::{Days, NaiveDate, NaiveTime};
use epasapoarte_domain::passport::PassportType;

use super::WAITLIST_DAYS;
use crate::i18n::Lang;
use crate::ids::{BookingId, LinkToken, OfficeId};
use crate::mail::Mail;
use crate::service::appointment::{AppointmentAt, OpenPerson};
use crate::service::{BookingService, ServiceResult, links};
use crate::store::{DrawEntryRecord, DrawLoser, DrawWinner, OfficeRecord, WaitlistPlace};

impl BookingService {
    pub(super) fn winner(
        &self,
        entry: &DrawEntryRecord,
        offices: &[OfficeRecord],
        office_id: OfficeId,
        date: NaiveDate,
        time: NaiveTime,
        later: Vec<(NaiveTime, u16)>,
    ) -> ServiceResult<DrawWinner> {
        let office = offices
            .iter()
            .find(|o| o.id == office_id)
            .context("a draw seat at an unknown office")?;
        let slot =
            epasapoarte_domain::schedule::slot_at(&office.schedule, office.timezone, date, time)
                .context("a draw seat at no slot")?;
        let service: PassportType = entry
            .service
            .parse()
            .ok()
            .context("a draw entry with an unknown service")?;
        let booking_id = BookingId::generate();
        let persons: Vec<OpenPerson> = self.open_sealed(&entry.persons)?;
        let appointment = AppointmentAt {
            booking_id: booking_id.as_str(),
            office,
            service,
            date,
            time,
            starts_at: slot.starts_at,
        }
        .build(&persons);
        let cancel_token = LinkToken::generate();
        let mail = Mail::Confirmed {
            to: self.open_email(&entry.email)?,
            lang: Lang::parse(&entry.lang).unwrap_or_default(),
            cancel_url: links::cancel_url(&self.config, &cancel_token),
            appointment,
        };
        Ok(DrawWinner {
            entry_id: entry.id.clone(),
            booking_id,
            office_id,
            time,
            persons: u16::try_from(entry.persons.len()).unwrap_or(u16::MAX),
            later,
            cancel_token_hash: cancel_token.hash(),
            outbox: self.seal_mail(&mail)?,
        })
    }

    pub(super) fn loser(
        &self,
        entry: &DrawEntryRecord,
        date: NaiveDate,
        eligible: bool,
    ) -> ServiceResult<DrawLoser> {
        let waitlist = (eligible && entry.wants_waitlist).then(|| WaitlistPlace {
            id: BookingId::generate().0,
            date_from: date,
            date_to: date
                .checked_add_days(Days::new(WAITLIST_DAYS))
                .unwrap_or(date),
        });
        let mail = Mail::DrawLost {
            to: self.open_email(&entry.email)?,
            lang: Lang::parse(&entry.lang).unwrap_or_default(),
            draw_date: date,
            entry_id: entry.id.clone(),
            waitlist: waitlist.is_some(),
        };
        Ok(DrawLoser {
            entry_id: entry.id.clone(),
            outbox: self.seal_mail(&mail)?,
            waitlist,
        })
    }

    fn open_email(&self, sealed: &[u8]) -> ServiceResult<String> {
        Ok(self
            .crypto
            .open_string(sealed)
            .context("opening a sealed e-mail address")?)
    }
}
