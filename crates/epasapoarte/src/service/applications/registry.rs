//! The restrictions registry (SPEC §3, admin only): CNPs whose right to travel abroad is
//! suspended, with the legal basis and the last day in force. A restriction ends by
//! itself after that day (the store's query condition); an admin may lift it earlier.

use epasapoarte_domain::cnp::Cnp;

use super::RestrictionView;
use super::input::{self, RestrictionRequest};
use crate::crypto::HashPurpose;
use crate::service::audit::{Actor, AuditEvent, cnp_tail};
use crate::service::input::cnp_error_code;
use crate::service::{BookingService, FieldErrors, ServiceError, ServiceResult};
use crate::store::NewRestriction;
use serde_json::json;

/// Legal bases are cited, not pasted: a sentence or two.
pub const LEGAL_BASIS_MAX: usize = 500;

impl BookingService {
    /// Adds a restriction as `actor`; returns its id.
    pub async fn add_restriction(
        &self,
        request: &RestrictionRequest,
        actor: &Actor,
    ) -> ServiceResult<i64> {
        let today = self.today_in_romania();
        let mut errors = FieldErrors::default();
        let cnp = Cnp::parse(&request.cnp, today)
            .map_err(|error| errors.add("cnp", cnp_error_code(&error)));
        let legal_basis = input::reason(&request.legal_basis, LEGAL_BASIS_MAX)
            .map_err(|code| errors.add("legal_basis", code));
        let starts_on =
            input::date_or(&request.starts_on, today).map_err(|code| errors.add("starts_on", code));
        let ends_on = crate::service::input::parse_date(&request.ends_on).ok_or_else(|| {
            let code = if request.ends_on.trim().is_empty() {
                "required"
            } else {
                "invalid_date"
            };
            errors.add("ends_on", code);
        });
        if let (Ok(starts), Ok(ends)) = (starts_on, ends_on) {
            if ends < starts {
                errors.add("ends_on", "invalid_range");
            } else if ends < today {
                errors.add("ends_on", "in_the_past");
            }
        }
        let (Ok(cnp), Ok(legal_basis), Ok(starts_on), Ok(ends_on)) =
            (cnp, legal_basis, starts_on, ends_on)
        else {
            return Err(ServiceError::Validation(errors));
        };
        if !errors.is_empty() {
            return Err(ServiceError::Validation(errors));
        }
        // The target is left empty: the store names the new restriction.
        let audit = AuditEvent::new(actor.clone(), "restriction.added")
            .after(json!({
                "cnp": cnp_tail(cnp.as_str()),
                "legal_basis": legal_basis,
                "starts_on": starts_on.to_string(),
                "ends_on": ends_on.to_string(),
            }))
            .entry(self.now());
        let id = self
            .store
            .add_restriction(
                &NewRestriction {
                    cnp: self.crypto.seal_str(cnp.as_str()),
                    cnp_hash: self
                        .crypto
                        .keyed_hash(HashPurpose::Cnp, cnp.as_str().as_bytes()),
                    legal_basis,
                    starts_on,
                    ends_on,
                    created_by: actor.label(),
                    now: self.now(),
                },
                Some(&audit),
            )
            .await?;
        tracing::info!(restriction = id, "restriction added");
        Ok(id)
    }

    /// Lifts a restriction before its end date; `NotFound` if unknown or already lifted.
    pub async fn lift_restriction(&self, id: i64, actor: &Actor) -> ServiceResult<()> {
        let now = self.now();
        let audit = AuditEvent::new(actor.clone(), "restriction.lifted")
            .target(format!("restriction:{id}"))
            .after(json!({"lifted": true}))
            .entry(now);
        let lifted = self
            .store
            .lift_restriction(id, &actor.label(), now, Some(&audit))
            .await?;
        if lifted {
            tracing::info!(restriction = id, "restriction lifted");
            Ok(())
        } else {
            Err(ServiceError::NotFound)
        }
    }

    /// The whole registry, newest first, opened for an admin.
    pub async fn restrictions(&self) -> ServiceResult<Vec<RestrictionView>> {
        self.store
            .restrictions()
            .await?
            .iter()
            .map(|record| self.open_restriction(record))
            .collect()
    }
}
