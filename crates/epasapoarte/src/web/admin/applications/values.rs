//! The registration form's values as typed (kept to show the form again) and their
//! translation into the service's `ApplicationRequest`. No rule is checked here.

use crate::ids::OfficeId;
use crate::service::applications::{ApplicationRequest, BookedHolder, CourierAddress};
use crate::web::form::Form;

#[derive(Default)]
pub struct Values {
    /// The booking and the person's position in it (hidden fields); empty for a walk-in.
    pub booking_id: String,
    pub person: String,
    pub passport_type: String,
    pub last_name: String,
    pub first_name: String,
    pub cnp: String,
    pub email: String,
    pub domicile_abroad: bool,
    /// The holder asks to be e-mailed before the new passport expires (issue 12).
    pub expiry_reminder: bool,
    pub receipt_number: String,
    pub receipt_amount: String,
    /// An office id; empty or this office's id: collected where it was submitted.
    pub pickup_office: String,
    pub pickup_mission: String,
    pub courier: bool,
    pub courier_street: String,
    pub courier_locality: String,
    pub courier_county: String,
    pub courier_postal_code: String,
}

impl Values {
    pub fn from_form(form: &Form) -> Values {
        let text = |name: &str| form.get(name).to_owned();
        Values {
            booking_id: text("programare"),
            person: text("persoana"),
            passport_type: text("passport_type"),
            last_name: text("last_name"),
            first_name: text("first_name"),
            cnp: text("cnp"),
            email: text("email"),
            domicile_abroad: form.has("domicile_abroad"),
            expiry_reminder: form.has("expiry_reminder"),
            receipt_number: text("receipt_number"),
            receipt_amount: text("receipt_amount"),
            pickup_office: text("pickup_office"),
            pickup_mission: text("pickup_mission"),
            courier: form.has("courier"),
            courier_street: text("courier_street"),
            courier_locality: text("courier_locality"),
            courier_county: text("courier_county"),
            courier_postal_code: text("courier_postal_code"),
        }
    }

    /// The form for person `position` of booking `booking_id`.
    pub fn prefill(&mut self, booking_id: &str, position: u32, holder: &BookedHolder) {
        self.booking_id = booking_id.to_owned();
        self.person = position.to_string();
        self.passport_type = holder.service.as_str().to_owned();
        self.last_name = holder.last_name.clone();
        self.first_name = holder.first_name.clone();
        self.cnp = holder.cnp.clone();
    }

    pub fn is_booked(&self) -> bool {
        !self.booking_id.is_empty()
    }

    /// The request for the office `office_id` (the page's office, never a form field).
    pub fn request(&self, office_id: OfficeId) -> ApplicationRequest {
        let some = |text: &str| (!text.is_empty()).then(|| text.to_owned());
        // The select starts on this office: that is "collected where submitted".
        let pickup_office_id = self
            .pickup_office
            .parse::<OfficeId>()
            .ok()
            .filter(|id| *id != office_id);
        let courier_address = self.courier.then(|| CourierAddress {
            street: self.courier_street.clone(),
            locality: self.courier_locality.clone(),
            county: self.courier_county.clone(),
            postal_code: self.courier_postal_code.clone(),
        });
        ApplicationRequest {
            office_id,
            booking_id: some(&self.booking_id),
            // An unreadable position reads as none: the service then asks for one.
            person: self.person.parse().ok(),
            passport_type: self.passport_type.clone(),
            last_name: self.last_name.clone(),
            first_name: self.first_name.clone(),
            cnp: self.cnp.clone(),
            email: some(&self.email),
            lang: None,
            domicile_abroad: self.domicile_abroad,
            receipt_number: self.receipt_number.clone(),
            receipt_amount: self.receipt_amount.clone(),
            pickup_office_id,
            pickup_mission: some(&self.pickup_mission),
            courier: self.courier,
            courier_address,
            expiry_reminder: self.expiry_reminder,
        }
    }
}
