//! SPEC J8: a clerk records that a passport was lost, stolen or destroyed; the office
//! prints the numbered adeverință (certificate of the declaration); the public status
//! lookup shows that holder's passport as invalid. Rules (what a theft needs, a future
//! date, a late loss) are the domain's `passport::declaration`.

use chrono::{DateTime, NaiveDate, Utc};
use epasapoarte_domain::cnp::Cnp;
use epasapoarte_domain::passport::{DeclarationKind, check_declaration, declared_late};
use serde_json::json;

use super::applications::input::reason;
use super::audit::{Actor, AuditEvent, cnp_tail};
use super::input::{PersonName, cnp_error_code, parse_date};
use super::{BookingService, FieldErrors, ServiceError, ServiceResult};
use crate::crypto::HashPurpose;
use crate::ids::OfficeId;
use crate::store::{DeclarationRecord, NewDeclaration};

/// Where it happened, in the holder's words: a line, not an essay.
pub const PLACE_MAX: usize = 200;
/// How many of an office's declarations its page lists.
pub const OFFICE_LIST: u32 = 50;

/// A declaration as typed at the counter.
#[derive(Debug, Clone, Default)]
pub struct DeclarationRequest {
    pub office_id: OfficeId,
    pub kind: String,
    pub last_name: String,
    pub first_name: String,
    pub cnp: String,
    pub passport_number: String,
    pub occurred_on: String,
    pub place: String,
    pub police_certificate: String,
}

/// A declaration opened for its office (and for the adeverință).
#[derive(Debug, Clone)]
pub struct DeclarationView {
    pub number: String,
    pub office_id: OfficeId,
    pub kind: DeclarationKind,
    pub last_name: String,
    pub first_name: String,
    pub cnp: String,
    pub passport_number: Option<String>,
    pub occurred_on: NaiveDate,
    pub place: String,
    pub police_certificate: Option<String>,
    pub declared_at: DateTime<Utc>,
    pub declared_by: String,
    /// A loss declared more than 48 hours after it happened (printed on the adeverință).
    pub late: bool,
}

impl BookingService {
    /// Records a declaration at `request.office_id` as `actor`; returns its number. Each
    /// field's problem is named (a theft needs the police certificate's number).
    pub async fn record_declaration(
        &self,
        request: &DeclarationRequest,
        county_code: &str,
        actor: &Actor,
    ) -> ServiceResult<String> {
        let today = self.today_in_romania();
        let mut errors = FieldErrors::default();
        let kind = match request.kind.parse::<DeclarationKind>() {
            Ok(kind) => Some(kind),
            Err(_) => {
                errors.add("kind", "required");
                None
            }
        };
        let last_name = PersonName::parse(&request.last_name)
            .map_err(|code| errors.add("last_name", code))
            .ok();
        let first_name = PersonName::parse(&request.first_name)
            .map_err(|code| errors.add("first_name", code))
            .ok();
        let cnp = Cnp::parse(&request.cnp, today)
            .map_err(|error| errors.add("cnp", cnp_error_code(&error)))
            .ok();
        let passport_number = request.passport_number.trim();
        if passport_number.chars().count() > 20
            || !passport_number.chars().all(|c| c.is_ascii_alphanumeric())
        {
            errors.add("passport_number", "declaration_passport_number");
        }
        let occurred_on = match parse_date(&request.occurred_on) {
            Some(date) => Some(date),
            None => {
                let code = if request.occurred_on.trim().is_empty() {
                    "required"
                } else {
                    "invalid_date"
                };
                errors.add("occurred_on", code);
                None
            }
        };
        let place = reason(&request.place, PLACE_MAX)
            .map_err(|code| errors.add("place", code))
            .ok();
        let police = request.police_certificate.trim();
        if police.chars().count() > 60 || police.chars().any(char::is_control) {
            errors.add("police_certificate", "too_long");
        }
        let police = (!police.is_empty()).then(|| police.to_owned());
        if let (Some(kind), Some(occurred_on)) = (kind, occurred_on)
            && let Err(error) = check_declaration(kind, occurred_on, today, police.as_deref())
        {
            errors.add(error.field(), error.code());
        }
        let (
            Some(kind),
            Some(last_name),
            Some(first_name),
            Some(cnp),
            Some(occurred_on),
            Some(place),
            true,
        ) = (
            kind,
            last_name,
            first_name,
            cnp,
            occurred_on,
            place,
            errors.is_empty(),
        )
        else {
            return Err(ServiceError::Validation(errors));
        };
        let c = &self.crypto;
        let now = self.now();
        let new = NewDeclaration {
            office_id: request.office_id,
            county_code: county_code.to_owned(),
            kind,
            cnp: c.seal_str(cnp.as_str()),
            cnp_hash: c.keyed_hash(HashPurpose::Cnp, cnp.as_str().as_bytes()),
            last_name: c.seal_str(last_name.as_str()),
            first_name: c.seal_str(first_name.as_str()),
            passport_number: (!passport_number.is_empty())
                .then(|| c.seal_str(&passport_number.to_uppercase())),
            occurred_on,
            place: c.seal_str(&place),
            police_certificate: police,
            declared_at: now,
            declared_by: actor.label(),
        };
        let audit = AuditEvent::new(actor.clone(), "declaration.recorded")
            .office(Some(request.office_id))
            .after(json!({"kind": kind.as_str(), "cnp": cnp_tail(cnp.as_str())}))
            .entry(now);
        let number = self.store.record_declaration(&new, Some(&audit)).await?;
        tracing::info!(declaration = %number, kind = kind.as_str(), "passport declaration recorded");
        Ok(number)
    }

    /// A declaration by its number, opened (`None` when unknown).
    pub async fn declaration(&self, number: &str) -> ServiceResult<Option<DeclarationView>> {
        let number = number.trim();
        // Only the shape of a number is asked about (`CJ-D-2026-000017`): PostgreSQL
        // refuses a text holding a NUL outright, and no other text can be one.
        if !is_declaration_number(number) {
            return Ok(None);
        }
        match self.store.declaration(number).await? {
            Some(record) => Ok(Some(self.open_declaration(&record)?)),
            None => Ok(None),
        }
    }

    /// The office's latest declarations, opened, newest first.
    pub async fn office_declarations(
        &self,
        office: OfficeId,
    ) -> ServiceResult<Vec<DeclarationView>> {
        self.store
            .office_declarations(office, OFFICE_LIST)
            .await?
            .iter()
            .map(|record| self.open_declaration(record))
            .collect()
    }

    fn open_declaration(&self, record: &DeclarationRecord) -> ServiceResult<DeclarationView> {
        let open = |sealed: &[u8], what: &str| {
            self.crypto
                .open_string(sealed)
                .map_err(|error| ServiceError::Internal(anyhow::anyhow!("opening {what}: {error}")))
        };
        let local = record
            .declared_at
            .with_timezone(&chrono_tz::Europe::Bucharest);
        Ok(DeclarationView {
            number: record.number.clone(),
            office_id: record.office_id,
            kind: record.kind,
            last_name: open(&record.last_name, "a name")?,
            first_name: open(&record.first_name, "a name")?,
            cnp: open(&record.cnp, "a CNP")?,
            passport_number: record
                .passport_number
                .as_deref()
                .map(|sealed| open(sealed, "a passport number"))
                .transpose()?,
            occurred_on: record.occurred_on,
            place: open(&record.place, "a place")?,
            police_certificate: record.police_certificate.clone(),
            declared_at: record.declared_at,
            declared_by: record.declared_by.clone(),
            late: declared_late(record.kind, record.occurred_on, local.date_naive()),
        })
    }
}

/// Whether `text` has the shape of a declaration number: county letters, `D`, the year,
/// six digits (`CJ-D-2026-000017`).
fn is_declaration_number(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    matches!(
        parts.as_slice(),
        [county, "D", year, serial]
            if (1..=2).contains(&county.len())
                && county.bytes().all(|b| b.is_ascii_uppercase())
                && year.len() == 4
                && year.bytes().all(|b| b.is_ascii_digit())
                && serial.len() == 6
                && serial.bytes().all(|b| b.is_ascii_digit())
    )
}

#[cfg(test)]
mod tests {
    use super::is_declaration_number;

    #[test]
    fn only_the_shape_of_a_number_is_looked_up() {
        assert!(is_declaration_number("CJ-D-2026-000017"));
        assert!(is_declaration_number("B-D-2026-000001"));
        for text in [
            "",
            "CJ-D-2026-17",
            "cj-D-2026-000017",
            "CJ-X-2026-000017",
            "CJ-D-2026-00001\0",
        ] {
            assert!(!is_declaration_number(text), "{text}");
        }
    }
}
