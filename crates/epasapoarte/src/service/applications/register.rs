//! Registering an application at the counter (SPEC §3): every field checked, the person
//! taken from the booking when there is one, the fee checked against the holder's age on
//! the submission day, the pickup and courier rules of the domain applied; then one
//! store transaction that also refuses a CNP under restriction.

use chrono::NaiveDate;
use epasapoarte_domain::application::{ApplicationNumber, FeeDue, Pickup, check_delivery};
use epasapoarte_domain::cnp::Cnp;
use epasapoarte_domain::passport::{Bani, HolderCategory, PassportType, category};

use super::Refusal;
use super::input::{self, ApplicationRequest};
use super::person::{self, Holder};
use crate::crypto::HashPurpose;
use crate::service::audit::{Actor, AuditEvent};
use crate::service::{BookingService, FieldErrors, ServiceError, ServiceResult};
use crate::store::{Courier, NewApplication, OfficeRecord, PickupPlace, Registration};
use serde_json::json;

/// What the clerk is told after a registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredApplication {
    pub id: i64,
    pub number: ApplicationNumber,
    pub submitted_on: NaiveDate,
    pub holder_category: HolderCategory,
    /// The passport fee that was due (and matched the receipt).
    pub fee_due: Bani,
}

/// The fields that do not depend on the holder.
struct Terms {
    passport: PassportType,
    receipt_number: String,
    receipt_amount: Bani,
    pickup: (Pickup, PickupPlace),
    courier: Option<input::CourierAddress>,
    expiry_reminder: bool,
}

impl BookingService {
    /// Registers one person's application at `request.office_id`, acting as `actor`; the
    /// registration and its audit line commit together.
    pub async fn register_application(
        &self,
        request: &ApplicationRequest,
        actor: &Actor,
    ) -> ServiceResult<RegisteredApplication> {
        let office = self
            .directory
            .office(request.office_id)
            .await?
            .ok_or_else(|| invalid("office_id", "unknown_office"))?;
        let submitted_on = self.now().with_timezone(&office.timezone).date_naive();
        let mut errors = FieldErrors::default();
        let holder = person::holder(self, request, &office, &mut errors).await?;
        let terms = self.terms(request, &office, &mut errors).await?;
        let (Some(holder), Some(terms)) = (holder, terms) else {
            return Err(ServiceError::Validation(errors));
        };
        let age = holder.cnp.age_on(submitted_on);
        let due = FeeDue::new(terms.passport, age, terms.courier.is_some());
        if due.check_receipt(terms.receipt_amount).is_err() {
            errors.add("receipt_amount", "application.fee_mismatch");
        }
        if let Err(error) = check_delivery(terms.passport, terms.pickup.0, terms.courier.is_some())
        {
            let (field, code) = person::delivery_error(error, terms.pickup.0);
            errors.add(field, code);
        }
        if request.expiry_reminder && holder.email.is_none() {
            errors.add("expiry_reminder", "application.reminder_needs_email");
        }
        if !errors.is_empty() {
            return Err(ServiceError::Validation(errors));
        }
        let holder_category = category(age, request.domicile_abroad);
        let new = self.seal_application(
            &office,
            &holder,
            terms,
            due,
            holder_category,
            submitted_on,
            &actor.label(),
        )?;
        // The target is left empty: the store fills in the number it draws.
        let audit = AuditEvent::new(actor.clone(), "application.registered")
            .office(Some(office.id))
            .after(json!({
                "passport_type": request.passport_type,
                // The audit log keeps the Romanian wording it always had ("258 lei").
                "fee_due": crate::i18n::format::money(crate::i18n::Lang::Ro, due.passport),
                "from_booking": request.booking_id.is_some(),
            }))
            .entry(self.now());
        match self.store.register_application(&new, Some(&audit)).await? {
            Registration::Registered(record) => {
                tracing::info!(application = %record.number, office = office.id.get(), "application registered");
                Ok(RegisteredApplication {
                    id: record.id,
                    number: record.number,
                    submitted_on,
                    holder_category,
                    fee_due: due.passport,
                })
            }
            Registration::Restricted(restriction) => {
                tracing::info!(
                    restriction = restriction.id,
                    office = office.id.get(),
                    "registration refused: restriction"
                );
                Err(ServiceError::Restricted(Refusal {
                    restriction_id: restriction.id,
                    legal_basis: restriction.legal_basis,
                    ends_on: restriction.ends_on,
                    cnp_last4: holder.cnp.as_str().get(9..).unwrap_or_default().to_owned(),
                }))
            }
            Registration::AlreadyRegistered => Err(ServiceError::AlreadyRegistered),
        }
    }

    async fn terms(
        &self,
        request: &ApplicationRequest,
        office: &OfficeRecord,
        errors: &mut FieldErrors,
    ) -> ServiceResult<Option<Terms>> {
        let passport = input::passport_type(&request.passport_type)
            .map_err(|code| errors.add("passport_type", code));
        let receipt_number = input::receipt_number(&request.receipt_number)
            .map_err(|code| errors.add("receipt_number", code));
        let receipt_amount = input::receipt_amount(&request.receipt_amount)
            .map_err(|code| errors.add("receipt_amount", code));
        let pickup = self.pickup(request, office, errors).await?;
        let courier = match (&request.courier, &request.courier_address) {
            (false, _) => Ok(None),
            (true, Some(address)) => address.parse("courier_address", errors).map(Some).ok_or(()),
            (true, None) => {
                errors.add("courier_address.street", "required");
                Err(())
            }
        };
        Ok(
            match (passport, receipt_number, receipt_amount, pickup, courier) {
                (
                    Ok(passport),
                    Ok(receipt_number),
                    Ok(receipt_amount),
                    Some(pickup),
                    Ok(courier),
                ) => Some(Terms {
                    passport,
                    receipt_number,
                    receipt_amount,
                    pickup,
                    courier,
                    expiry_reminder: request.expiry_reminder,
                }),
                _ => None,
            },
        )
    }

    /// The pickup place: a mission by name, another office by id, or (default) the
    /// submitting office.
    async fn pickup(
        &self,
        request: &ApplicationRequest,
        office: &OfficeRecord,
        errors: &mut FieldErrors,
    ) -> ServiceResult<Option<(Pickup, PickupPlace)>> {
        let mission = request
            .pickup_mission
            .as_deref()
            .filter(|m| !m.trim().is_empty());
        Ok(match (mission, request.pickup_office_id) {
            (Some(_), Some(_)) => {
                errors.add("pickup_mission", "application.pickup_both");
                None
            }
            (Some(mission), None) => match input::mission(mission) {
                Ok(name) => Some((Pickup::ConsularMission, PickupPlace::Mission(name))),
                Err(code) => {
                    errors.add("pickup_mission", code);
                    None
                }
            },
            (None, Some(id)) if id != office.id => {
                if self.directory.office(id).await?.is_some() {
                    Some((Pickup::OtherOffice, PickupPlace::Office(id)))
                } else {
                    errors.add("pickup_office_id", "unknown_office");
                    None
                }
            }
            (None, _) => Some((Pickup::SubmittingOffice, PickupPlace::Office(office.id))),
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn seal_application(
        &self,
        office: &OfficeRecord,
        holder: &Holder,
        terms: Terms,
        due: FeeDue,
        holder_category: HolderCategory,
        submitted_on: NaiveDate,
        actor: &str,
    ) -> ServiceResult<NewApplication> {
        let c = &self.crypto;
        let courier = match &terms.courier {
            Some(address) => Some(Courier {
                address: c.seal(&serde_json::to_vec(address).map_err(anyhow::Error::from)?),
                fee: due.courier.unwrap_or_default(),
            }),
            None => None,
        };
        Ok(NewApplication {
            office_id: office.id,
            county_code: office.county_code.clone(),
            booking: holder.booking.clone(),
            passport_type: terms.passport,
            holder_category,
            cnp: c.seal_str(holder.cnp.as_str()),
            cnp_hash: c.keyed_hash(HashPurpose::Cnp, holder.cnp.as_str().as_bytes()),
            cnp_last9_hash: last9_hash(self, holder.cnp.last9(), submitted_on),
            last_name: c.seal_str(holder.last_name.as_str()),
            first_name: c.seal_str(holder.first_name.as_str()),
            email: holder.email.clone(),
            lang: holder.lang.as_str().to_owned(),
            fee_due: due.passport,
            receipt_number: terms.receipt_number,
            receipt_amount: terms.receipt_amount,
            pickup: terms.pickup.1,
            courier,
            expiry_reminder: terms.expiry_reminder,
            submitted_on,
            actor: actor.to_owned(),
            now: self.now(),
        })
    }
}

/// The public lookup's key: the last 9 CNP digits with the submission date, keyed-hashed
/// together so the store never holds the digits.
pub(super) fn last9_hash(
    service: &BookingService,
    last9: &str,
    submitted_on: NaiveDate,
) -> Vec<u8> {
    let text = format!("{last9}|{}", submitted_on.format("%Y-%m-%d"));
    service
        .crypto
        .keyed_hash(HashPurpose::CnpLast9, text.as_bytes())
}

fn invalid(field: &str, code: &'static str) -> ServiceError {
    ServiceError::Validation(FieldErrors::single(field, code))
}

/// A CNP parsed for a holder (kept here so `person.rs` stays about where it comes from).
pub(super) fn parse_cnp(text: &str, today: NaiveDate) -> Result<Cnp, &'static str> {
    Cnp::parse(text, today).map_err(|error| crate::service::input::cnp_error_code(&error))
}
