//! Whose application it is: the person of a booking (names and CNP prefilled from it, the
//! e-mail address and language inherited), or a walk-in typed at the counter.

use epasapoarte_domain::application::{DeliveryError, Pickup};
use epasapoarte_domain::booking::BookingStatus;
use epasapoarte_domain::cnp::Cnp;

use super::input::{self, ApplicationRequest};
use super::register::parse_cnp;
use crate::i18n::Lang;
use crate::ids::{BookingId, OfficeId};
use crate::service::input::PersonName;
use crate::service::{BookingService, FieldErrors, ServiceResult};
use crate::store::{BookedPerson, OfficeRecord};

/// The holder, parsed; the e-mail address already sealed.
pub(super) struct Holder {
    pub booking: Option<(String, u32)>,
    pub cnp: Cnp,
    pub last_name: PersonName,
    pub first_name: PersonName,
    pub email: Option<Vec<u8>>,
    pub lang: Lang,
}

/// The holder of `request`, or `None` with its problems in `errors`.
pub(super) async fn holder(
    service: &BookingService,
    request: &ApplicationRequest,
    office: &OfficeRecord,
    errors: &mut FieldErrors,
) -> ServiceResult<Option<Holder>> {
    let today = service.today_in_romania();
    let booking_id = request
        .booking_id
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty());
    let booked = match (booking_id, request.person) {
        (None, _) => None,
        (Some(_), None) => {
            errors.add("person", "required");
            return Ok(None);
        }
        (Some(id), Some(position)) => match booked(service, id, position, office, errors).await? {
            Some(person) => Some((id.to_owned(), position, person)),
            None => return Ok(None),
        },
    };
    // Typed values win; empty ones fall back to the booking's.
    let opened = match &booked {
        Some((_, _, person)) => Some(open(service, person)?),
        None => None,
    };
    let pick = |typed: &str, from_booking: Option<&String>| -> String {
        match (typed.trim().is_empty(), from_booking) {
            (true, Some(value)) => value.clone(),
            _ => typed.to_owned(),
        }
    };
    let last = pick(&request.last_name, opened.as_ref().map(|o| &o.0));
    let first = pick(&request.first_name, opened.as_ref().map(|o| &o.1));
    let cnp_text = pick(&request.cnp, opened.as_ref().map(|o| &o.2));
    let last_name = input::name(&last).map_err(|code| errors.add("last_name", code));
    let first_name = input::name(&first).map_err(|code| errors.add("first_name", code));
    let cnp = parse_cnp(&cnp_text, today).map_err(|code| errors.add("cnp", code));
    if let (Ok(cnp), Some((_, _, person))) = (&cnp, &booked) {
        let hash = service
            .crypto
            .keyed_hash(crate::crypto::HashPurpose::Cnp, cnp.as_str().as_bytes());
        if hash != person.cnp_hash {
            errors.add("cnp", "application.cnp_not_in_booking");
        }
    }
    let typed_email =
        input::optional_email(request.email.as_deref()).map_err(|code| errors.add("email", code));
    let lang = request.lang.as_deref().and_then(Lang::parse);
    let (Ok(last_name), Ok(first_name), Ok(cnp), Ok(typed_email)) =
        (last_name, first_name, cnp, typed_email)
    else {
        return Ok(None);
    };
    let (email, lang) = match (typed_email, &booked) {
        (Some(email), _) => (Some(service.crypto.seal_str(email.as_str())), lang),
        // The booking's address is sealed under the same key: carried over as it is.
        (None, Some((_, _, person))) => (
            Some(person.email.clone()),
            lang.or(Lang::parse(&person.lang)),
        ),
        (None, None) => (None, lang),
    };
    Ok(Some(Holder {
        booking: booked.map(|(id, position, _)| (id, position)),
        cnp,
        last_name,
        first_name,
        email,
        lang: lang.unwrap_or_default(),
    }))
}

/// The booked person, if the booking is this office's and the visit is on (confirmed,
/// checked in or done); otherwise `None` with the reason in `errors`.
async fn booked(
    service: &BookingService,
    booking_id: &str,
    position: u32,
    office: &OfficeRecord,
    errors: &mut FieldErrors,
) -> ServiceResult<Option<BookedPerson>> {
    let found = match BookingId::parse(booking_id) {
        Some(id) => service.store.booked_person(&id, position).await?,
        None => None,
    };
    let Some(person) = found else {
        errors.add("booking_id", "application.booking_not_found");
        return Ok(None);
    };
    if person.office_id != office.id {
        errors.add("booking_id", "application.booking_other_office");
        return Ok(None);
    }
    let on = matches!(
        person.status,
        BookingStatus::Confirmed | BookingStatus::CheckedIn | BookingStatus::Completed
    );
    if !on {
        errors.add("booking_id", "application.booking_not_active");
        return Ok(None);
    }
    Ok(Some(person))
}

/// The booked person's names and CNP in clear (last, first, CNP).
fn open(
    service: &BookingService,
    person: &BookedPerson,
) -> ServiceResult<(String, String, String)> {
    let open = |sealed: &[u8]| {
        service
            .crypto
            .open_string(sealed)
            .map_err(|error| anyhow::anyhow!("opening a booked person: {error}"))
    };
    Ok((
        open(&person.last_name)?,
        open(&person.first_name)?,
        open(&person.cnp)?,
    ))
}

/// The field and translation key of a pickup or courier rule broken.
pub(super) fn delivery_error(error: DeliveryError, pickup: Pickup) -> (&'static str, &'static str) {
    match error {
        DeliveryError::TemporaryElsewhere if pickup == Pickup::ConsularMission => {
            ("pickup_mission", "application.temporary_elsewhere")
        }
        DeliveryError::TemporaryElsewhere => {
            ("pickup_office_id", "application.temporary_elsewhere")
        }
        DeliveryError::CourierNotElectronic => ("courier", "application.courier_not_electronic"),
        DeliveryError::CourierWithMission => ("courier", "application.courier_with_mission"),
    }
}

/// A booked person in clear, to prefill the counter's form (the clerk still submits it,
/// and registration checks the booking again).
#[derive(Clone, PartialEq, Eq)]
pub struct BookedHolder {
    pub service: epasapoarte_domain::passport::PassportType,
    pub last_name: String,
    pub first_name: String,
    pub cnp: String,
}

impl std::fmt::Debug for BookedHolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BookedHolder(<personal data>)")
    }
}

impl BookingService {
    /// Person `position` (1-based) of booking `booking_id`, if that booking is at
    /// `office_id`; `None` for an unknown booking or person and for another office's.
    pub async fn booked_holder(
        &self,
        office_id: OfficeId,
        booking_id: &str,
        position: u32,
    ) -> ServiceResult<Option<BookedHolder>> {
        let Some(booking_id) = BookingId::parse(booking_id) else {
            return Ok(None);
        };
        let person = match self.store.booked_person(&booking_id, position).await? {
            Some(person) if person.office_id == office_id => person,
            _ => return Ok(None),
        };
        let (last_name, first_name, cnp) = open(self, &person)?;
        Ok(Some(BookedHolder {
            service: person.service,
            last_name,
            first_name,
            cnp,
        }))
    }
}
